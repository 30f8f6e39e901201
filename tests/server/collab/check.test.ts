// Which checked changes may go to the others as they came, before the server applies them
// (server/collab/check.ts, `asSent`; room.ts relays those first): typing that holds only
// what is new, in bytes that end where the change does. Everything else waits for Yjs.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, setCardText, STRUCTURE_LIMITS } from '../../../shared/model/index.js';
import { checkUpdate, type Verdict } from '../../../server/collab/check.js';

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
});
