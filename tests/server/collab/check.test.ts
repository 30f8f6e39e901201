// Which checked changes may go to the others as they came, before the server applies them
// (server/collab/check.ts, `asSent`; room.ts relays those first): typing that holds only
// what is new, in bytes that end where the change does. Everything else waits for Yjs.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addCard, agreeFinding, deleteCard, initWorkshop, setCardText, STRUCTURE_LIMITS } from '../../../shared/model/index.js';
import { cardMap } from '../../../shared/model/schema.js';
import { checkUpdate, type Verdict } from '../../../server/collab/check.js';
import { MalformedUpdate } from '../../../shared/model/inspect/decode.js';

/** A text piece as Yjs version 1 writes it: after `origin`, or (with no origin) inside the type at `parent`. */
interface Piece {
  text: string;
  origin?: [number, number];
  parent?: [number, number];
}

/** A crafted update: each writer's text pieces from a clock, then an empty delete set. */
function crafted(parts: { client: number; clock: number; pieces: Piece[] }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, parts.length);
  for (const part of parts) {
    encoding.writeVarUint(e, part.pieces.length);
    encoding.writeVarUint(e, part.client);
    encoding.writeVarUint(e, part.clock);
    for (const p of part.pieces) {
      encoding.writeUint8(e, 4 | (p.origin ? 0x80 : 0));
      if (p.origin) p.origin.forEach((n) => encoding.writeVarUint(e, n));
      else {
        encoding.writeVarUint(e, 0);
        p.parent!.forEach((n) => encoding.writeVarUint(e, n));
      }
      encoding.writeVarString(e, p.text);
    }
  }
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

function room() {
  const server = new Y.Doc();
  server.clientID = 1;
  initWorkshop(server, { title: 'Dundee' });
  const ann = new Y.Doc();
  ann.clientID = 2;
  Y.applyUpdate(ann, Y.encodeStateAsUpdate(server));
  const owners = new Map([[2, 'ann']]);
  const check = (update: Uint8Array, role: 'participant' | 'facilitator' = 'participant'): Verdict =>
    checkUpdate({ doc: server, owners, mayClaimExisting: () => true, storedBytes: 0, maxWorkshopBytes: 50 * 2 ** 20, limits: STRUCTURE_LIMITS }, { role, phase: 'part1', owner: 'ann' }, update);
  /** Ann's next transaction, as her browser sends it, and checked; applied to the server when it passes. */
  const send = (f: () => void, extra: number[] = []): Verdict => {
    const sent: Uint8Array[] = [];
    const keep = (u: Uint8Array) => sent.push(u);
    ann.on('update', keep);
    f();
    ann.off('update', keep);
    const verdict = check(new Uint8Array([...sent[0]!, ...extra]));
    if (verdict.kind === 'apply') Y.applyUpdate(server, verdict.update);
    return verdict;
  };
  return { server, ann, check, send };
}

const asSent = (v: Verdict) => v.kind === 'apply' && v.asSent;

/** The id of the last character of a card's headline in `doc`. */
function lastCharacter(doc: Y.Doc, card: string): [number, number] {
  let item = (cardMap(doc, card)!.get('headline') as Y.Text)._start!;
  while (item.right) item = item.right;
  return [item.id.client, item.id.clock + item.length - 1];
}

describe('what goes out as it came, before it is applied', () => {
  it('a keystroke, and typing that deletes words', () => {
    const { ann, send } = room();
    let card = '';
    send(() => (card = addCard(ann, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' })));
    expect(asSent(send(() => setCardText(ann, card, 'headline', 'Relationships matter')))).toBe(true);
    expect(asSent(send(() => setCardText(ann, card, 'headline', 'Relationships')))).toBe(true);
  });

  it('not a new card, a change with bytes after it, a resend, or a change with a part refused', () => {
    const { server, ann, send, check } = room();
    let card = '';
    const added = send(() => (card = addCard(ann, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' })));
    expect(added.kind).toBe('apply');
    expect(asSent(added)).toBe(false);
    const trailing = send(() => setCardText(ann, card, 'headline', 'Relationships matter'), [9, 9]);
    expect(trailing.kind).toBe('apply');
    expect(asSent(trailing)).toBe(false);
    const whole = check(Y.encodeStateAsUpdate(ann));
    expect(whole.kind).toBe('apply');
    expect(asSent(whole)).toBe(false);
    // Agreed by the facilitator meanwhile: Ann's edit of it is refused, her other card's kept.
    let other = '';
    send(() => (other = addCard(ann, { board: 'working-well', headline: 'Pupil voice', createdBy: 'Ann' })));
    const facilitator = new Y.Doc();
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(ann));
    facilitator.clientID = 3;
    const before = Y.encodeStateVector(facilitator);
    agreeFinding(facilitator, card, 'Fac');
    const agreement = Y.encodeStateAsUpdate(facilitator, before);
    Y.applyUpdate(ann, agreement);
    const agreed = check(agreement, 'facilitator');
    expect(agreed.kind).toBe('apply');
    if (agreed.kind === 'apply') Y.applyUpdate(server, agreed.update);
    const mixed = send(() => ann.transact(() => {
      setCardText(ann, card, 'headline', 'Relationships matter most');
      setCardText(ann, other, 'headline', 'Pupil voice matters');
    }));
    expect(mixed.kind).toBe('apply');
    expect(mixed.kind === 'apply' && mixed.refusals.length).toBe(1);
    expect(asSent(mixed)).toBe(false);
  });

  it('not deleting a card, or typing and deleting the same words in one change', () => {
    const { ann, send } = room();
    let card = '';
    send(() => (card = addCard(ann, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' })));
    const removal = send(() => deleteCard(ann, card));
    expect(removal.kind).toBe('apply');
    expect(asSent(removal)).toBe(false);
    let other = '';
    send(() => (other = addCard(ann, { board: 'working-well', headline: 'Pupil voice', createdBy: 'Ann' })));
    // Its words would go to the others as sent; Yjs records only that they are gone.
    const typedAndGone = send(() => ann.transact(() => {
      setCardText(ann, other, 'headline', 'Pupil voice my password');
      setCardText(ann, other, 'headline', 'Pupil voice');
    }));
    expect(typedAndGone.kind).toBe('apply');
    expect(asSent(typedAndGone)).toBe(false);
  });

  it('not text put inside a character, which goes nowhere and is never judged', () => {
    const { server, ann, send, check } = room();
    let card = '';
    send(() => (card = addCard(ann, { board: 'working-well', headline: 'Hello', createdBy: 'Ann' })));
    const nowhere = check(crafted([{ client: 2, clock: Y.getState(server.store, 2), pieces: [{ text: 'x'.repeat(10_000), parent: lastCharacter(server, card) }] }]));
    expect(nowhere.kind).toBe('apply');
    expect(asSent(nowhere)).toBe(false);
  });

  it('refuses two writers whose pieces each wait on the other’s later one, which Yjs would apply in part', () => {
    const { server, ann, send, check } = room();
    let card = '';
    send(() => (card = addCard(ann, { board: 'working-well', headline: 'Hello', createdBy: 'Ann' })));
    const s2 = Y.getState(server.store, 2);
    // Writer 2: A after "Hello", B after writer 5's C, D after B. Writer 5: C after D.
    const cycle = crafted([
      { client: 5, clock: 0, pieces: [{ text: 'C', origin: [2, s2 + 2] }] },
      { client: 2, clock: s2, pieces: [{ text: 'A', origin: lastCharacter(server, card) }, { text: 'B', origin: [5, 0] }, { text: 'D', origin: [2, s2] }] },
    ]);
    expect(() => check(cycle)).toThrow(MalformedUpdate);
    // What Yjs would have done with it: applied A and kept the rest aside.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(copy, cycle);
    expect(copy.store.pendingStructs).not.toBeNull();
  });
});
