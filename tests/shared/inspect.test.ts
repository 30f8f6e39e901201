import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, moveCard, readCard, setCardBody, setCardText, STRUCTURE_LIMITS } from '../../shared/model/index.js';
import { inspectUpdate, MalformedUpdate } from '../../shared/model/inspect/inspect.js';
import { withoutRefused } from '../../shared/model/inspect/rewrite.js';

/** The server's document and a client that started from it, with fixed ids so runs repeat. */
function pair() {
  const server = new Y.Doc();
  server.clientID = 1;
  initWorkshop(server, { title: 'Dundee' });
  const client = new Y.Doc();
  client.clientID = 2;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What one change on the client would send. */
function change(client: Y.Doc, f: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  f();
  return Y.encodeStateAsUpdate(client, before);
}

const actionsOf = (i: ReturnType<typeof inspectUpdate>) => [...i.units.values()].flatMap((u) => u.actions.map((a) => ({ unit: u.key, ...a })));
const problemsOf = (i: ReturnType<typeof inspectUpdate>) => [...i.units.values()].flatMap((u) => u.problems);

describe('reading a change before it is applied', () => {
  it('names a new card and the board it goes on', () => {
    const { server, client } = pair();
    let id = '';
    const update = change(client, () => (id = addCard(client, { board: 'development', headline: 'Improve the BGE', createdBy: 'Ann' })));
    const i = inspectUpdate(server, update, STRUCTURE_LIMITS);
    expect(i.missing).toBeNull();
    expect(actionsOf(i)).toEqual([{ unit: `card:${id}`, kind: 'card.add', board: 'development' }]);
    expect(problemsOf(i)).toEqual([]);
  });

  it('reads typing in a card as an edit of that card, agreed or not', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    agreeFinding(server, id, 'Fac');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = change(client, () => setCardText(client, id, 'headline', 'Relationships matter'));
    expect(actionsOf(inspectUpdate(server, update, STRUCTURE_LIMITS))).toEqual([{ unit: `card:${id}`, kind: 'card.edit', agreed: true }]);
  });

  it('reads a move, an agreement and a removal', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'A', createdBy: 'Ann' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(actionsOf(inspectUpdate(server, change(client, () => moveCard(client, id, 'action', 0)), STRUCTURE_LIMITS))).toContainEqual({ unit: `card:${id}`, kind: 'card.move', agreed: false, to: 'action' });
    const { server: s2, client: c2 } = pair();
    const id2 = addCard(s2, { board: 'working-well', headline: 'A', createdBy: 'Ann' });
    Y.applyUpdate(c2, Y.encodeStateAsUpdate(s2));
    const agreement = change(c2, () => agreeFinding(c2, id2, 'Me'));
    expect(actionsOf(inspectUpdate(s2, agreement, STRUCTURE_LIMITS))).toEqual([{ unit: `card:${id2}`, kind: 'card.agree' }]);
    Y.applyUpdate(s2, agreement);
    const removal = change(c2, () => c2.getMap('cards').delete(id2));
    expect(actionsOf(inspectUpdate(s2, removal, STRUCTURE_LIMITS))).toEqual([{ unit: `card:${id2}`, kind: 'card.remove', agreed: true }]);
  });

  it('sees an agreed card replaced under its own id as its removal', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'Agreed', createdBy: 'Ann' });
    agreeFinding(server, id, 'Fac');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = change(client, () => {
      const m = new Y.Map<unknown>();
      m.set('board', 'working-well');
      m.set('status', 'draft');
      client.getMap('cards').set(id, m);
    });
    const acts = actionsOf(inspectUpdate(server, update, STRUCTURE_LIMITS));
    expect(acts).toContainEqual({ unit: `card:${id}`, kind: 'card.remove', agreed: true });
    // …and a card replaced by a list is no card at all (from a client that has not sent the first).
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const asList = change(other, () => other.getMap('cards').set(id, new Y.Array()));
    expect(problemsOf(inspectUpdate(server, asList, STRUCTURE_LIMITS)).length).toBeGreaterThan(0);
  });

  it('refuses top-level names the workshop does not have, and content in the wrong place', () => {
    const { server, client } = pair();
    const junk = change(client, () => client.getMap('junk').set('x', 'y'.repeat(1000)));
    expect(problemsOf(inspectUpdate(server, junk, STRUCTURE_LIMITS))[0]).toMatch(/not part of a workshop/);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const wrong = change(other, () => other.getMap('meta').set('title', 42));
    expect(problemsOf(inspectUpdate(server, wrong, STRUCTURE_LIMITS))[0]).toMatch(/no place/);
  });

  it('counts the characters a change would leave in a field', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'x'.repeat(290), createdBy: 'Ann' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const tooLong = change(client, () => (client.getMap('cards').get(id) as Y.Map<Y.Text>).get('headline')!.insert(290, 'y'.repeat(11)));
    expect(problemsOf(inspectUpdate(server, tooLong, STRUCTURE_LIMITS))[0]).toMatch(/headline can be at most 300 characters; this change would make it 301/);
    // Replacing the whole headline with one just as long is fine: what it deletes counts too.
    const c2 = new Y.Doc();
    Y.applyUpdate(c2, Y.encodeStateAsUpdate(server));
    const replace = change(c2, () => {
      const h = (c2.getMap('cards').get(id) as Y.Map<Y.Text>).get('headline')!;
      h.delete(0, 290);
      h.insert(0, 'z'.repeat(300));
    });
    expect(problemsOf(inspectUpdate(server, replace, STRUCTURE_LIMITS))).toEqual([]);
    Y.applyUpdate(server, replace);
    const body = change(c2, () => setCardBody(c2, id, [{ type: 'paragraph', content: [{ type: 'text', text: 'b'.repeat(20_001) }] }]));
    expect(problemsOf(inspectUpdate(server, body, STRUCTURE_LIMITS))[0]).toMatch(/card text can be at most 20,000/);
  });

  it('refuses rich text nested deeper than the limit', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'Deep', createdBy: 'Ann' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = change(client, () => {
      let parent: Y.XmlFragment = (client.getMap('cards').get(id) as Y.Map<Y.XmlFragment>).get('body')!;
      for (let i = 0; i < 100; i++) {
        const el = new Y.XmlElement('bulletList');
        parent.insert(0, [el]);
        parent = el;
      }
    });
    expect(problemsOf(inspectUpdate(server, update, STRUCTURE_LIMITS))[0]).toMatch(/nested at most 32 levels/);
  });

  it('says when a change builds on something the server does not have', () => {
    const { server, client } = pair();
    const third = new Y.Doc();
    third.clientID = 3;
    Y.applyUpdate(third, Y.encodeStateAsUpdate(server));
    const id = addCard(third, { board: 'working-well', headline: 'Unseen', createdBy: 'C' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(third));
    // The client types in a card the server never received, and deletes some of it.
    const update = change(client, () => setCardText(client, id, 'headline', 'Unse'));
    expect(inspectUpdate(server, update, STRUCTURE_LIMITS).missing).toMatch(/has not received|does not have/);
  });

  it('throws for structs that point at their own writer’s later changes', () => {
    const { server } = pair();
    const doc = new Y.Doc();
    doc.clientID = 9;
    const t = doc.getText('x');
    t.insert(0, 'ab');
    // Forge: an item whose origin is itself.
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
    const item = decoded.structs[0] as Y.Item;
    item.origin = Y.createID(9, 5);
    const enc = new Y.UpdateEncoderV1();
    // one client, one struct
    (enc.restEncoder as unknown as { bufs: unknown }).bufs;
    const { writeVarUint } = require('lib0/encoding') as typeof import('lib0/encoding');
    writeVarUint(enc.restEncoder, 1);
    writeVarUint(enc.restEncoder, 1);
    enc.writeClient(9);
    writeVarUint(enc.restEncoder, 0);
    item.write(enc, 0);
    writeVarUint(enc.restEncoder, 0);
    expect(() => inspectUpdate(server, enc.toUint8Array(), STRUCTURE_LIMITS)).toThrow(MalformedUpdate);
  });

  it('keeps refused content out and the rest in', () => {
    const { server, client } = pair();
    const a = addCard(server, { board: 'working-well', headline: 'A', createdBy: 'Ann' });
    const b = addCard(server, { board: 'working-well', headline: 'B', createdBy: 'Ann' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = change(client, () => {
      setCardText(client, a, 'headline', 'A refused words');
      setCardText(client, b, 'headline', 'B kept words');
      setCardText(client, a, 'headline', '');
    });
    const i = inspectUpdate(server, update, STRUCTURE_LIMITS);
    const refused = i.units.get(`card:${a}`)!;
    const rewritten = withoutRefused(i.resolved, new Set(refused.items), i.deletes, refused.deletes);
    const watcher = new Y.Doc();
    Y.applyUpdate(watcher, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(watcher, rewritten);
    expect(readCard(watcher, a)?.headline).toBe('A');
    expect(readCard(watcher, b)?.headline).toBe('B kept words');
    expect(new TextDecoder().decode(rewritten)).not.toContain('refused');
    // The client's later typing follows on without a gap.
    const later = change(client, () => setCardText(client, b, 'headline', 'B kept words too'));
    Y.applyUpdate(watcher, later);
    expect(readCard(watcher, b)?.headline).toBe('B kept words too');
  });
});

describe('elements in rich text', () => {
  it('counts paragraphs as well as characters, so empty ones cannot pile up', () => {
    const { server, client } = pair();
    const id = addCard(server, { board: 'working-well', headline: 'Many paragraphs', createdBy: 'Ann' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = change(client, () => setCardBody(client, id, Array.from({ length: 2001 }, () => ({ type: 'paragraph' }))));
    const i = inspectUpdate(server, update, STRUCTURE_LIMITS);
    expect([...i.units.values()].flatMap((u) => u.problems)[0]).toMatch(/at most 2,000 paragraphs and list items; this change would make it 2,001/);
  });
});

describe('whether a change holds only what is new (what may be relayed as it came)', () => {
  /** What a browser sends for one edit: Yjs's record of that transaction (a state diff would carry every deletion ever made). */
  function live(client: Y.Doc, f: () => void): Uint8Array {
    const sent: Uint8Array[] = [];
    const keep = (u: Uint8Array) => sent.push(u);
    client.on('update', keep);
    f();
    client.off('update', keep);
    expect(sent).toHaveLength(1);
    return sent[0]!;
  }

  it('is so for a keystroke, and for typing that deletes what is there', () => {
    const { server, client } = pair();
    const id = addCard(client, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const typed = live(client, () => setCardText(client, id, 'headline', 'Relationships matter'));
    expect(inspectUpdate(server, typed, STRUCTURE_LIMITS).onlyNew).toBe(true);
    Y.applyUpdate(server, typed);
    const cut = live(client, () => setCardText(client, id, 'headline', 'Relationships'));
    expect(Y.decodeUpdate(cut).ds.clients.size).toBe(1);
    expect(inspectUpdate(server, cut, STRUCTURE_LIMITS).onlyNew).toBe(true);
  });

  it('is not so for a change the server has all or part of, or one deleting what is already gone', () => {
    const { server, client } = pair();
    const id = addCard(client, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    const first = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    Y.applyUpdate(server, first);
    // All of it again.
    expect(inspectUpdate(server, first, STRUCTURE_LIMITS).onlyNew).toBe(false);
    // All of it again with more typed after: the start of the run is had already.
    const before = Y.encodeStateVector(client);
    setCardText(client, id, 'headline', 'Relationships matter');
    const more = Y.encodeStateAsUpdate(client, before);
    const again = Y.mergeUpdates([first, more]);
    const inspected = inspectUpdate(server, again, STRUCTURE_LIMITS);
    expect(inspected.missing).toBeNull();
    expect(inspected.onlyNew).toBe(false);
    Y.applyUpdate(server, more);
    // A deletion the server has, sent with a new word (a resend, as a reconnecting client's whole state is).
    const cut = live(client, () => setCardText(client, id, 'headline', 'Relationships'));
    Y.applyUpdate(server, cut);
    const word = live(client, () => setCardText(client, id, 'headline', 'Relationships first'));
    const withOldDeletion = Y.mergeUpdates([cut, word]);
    expect(inspectUpdate(server, word, STRUCTURE_LIMITS).onlyNew).toBe(true);
    expect(inspectUpdate(server, withOldDeletion, STRUCTURE_LIMITS).onlyNew).toBe(false);
  });
});
