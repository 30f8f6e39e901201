// The fuzzer that knows Yjs (issue 14), in a short run: honest people of every role
// editing through the shared mutations, attackers sending crafted Yjs changes on raw
// sockets, the phase moving, /healthz asked every 100 ms; then checks that the server is
// up, every workshop converged, reopens after a restart and exports. `npm run fuzz` runs
// the same for two minutes at full size. Below it, the changes the fuzzer found that got
// past the server's check, each against the real server.
//
// Replay a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run tests/server/yjsFuzz.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardBodyFragment, readCard, readSetup, setCardBody, updateSetup } from '../../shared/model/index.js';
import { CARD_KEYS, META_KEYS, metaMap } from '../../shared/model/schema.js';
import { documentDifference } from '../helpers/fuzz/sameDocument.js';
import { fuzzRun } from '../helpers/fuzz/fuzzRun.js';
import { report } from '../helpers/fuzz/report.js';
import { LIGHT } from '../helpers/fuzz/runner.js';
import { Pen, encodeUpdate, update } from '../helpers/fuzz/forge.js';
import { syncMessage, syncStep1 } from '../helpers/fuzz/wire.js';
import { AttackSocket, join, whenSynced, type Person } from '../helpers/fuzz/people.js';
import { cardFieldHolder, valueHolder } from '../helpers/fuzz/targets.js';
import { hasParkedChanges } from '../helpers/fuzz/sameDocument.js';
import { HealthProbe } from '../helpers/fuzz/healthProbe.js';
import { forgedNeighbourDisagreement } from '../helpers/fuzz/neighbours.js';
import { checkedApplyRun } from '../helpers/fuzz/inProcess.js';
import { setPhase } from '../helpers/fuzz/phases.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** The short run: this many messages, or this long if the machine is too busy to send them. */
const MESSAGES = 3_000;
const SECONDS = 25;

describe('a fuzzer that knows Yjs', () => {
  it('survives honest and crafted changes from every role: never damaged, always answering, converged, reopened and exported', async () => {
    console.log(`yjs fuzz seed ${SEED}: replay with FUZZ_SEED=${SEED}`);
    const outcome = await fuzzRun({ ...LIGHT, seed: SEED, seconds: SECONDS, stopAfterMessages: MESSAGES });
    console.log(report(outcome.session, outcome.probes, outcome.checks, 100, outcome).join('\n'));
    const why = `seed ${SEED}`;
    // However busy the machine, the run did send messages of many kinds, and /healthz was asked throughout.
    expect(outcome.session.messages, why).toBeGreaterThanOrEqual(500);
    expect(new Set([...outcome.session.tally.sent.keys()].filter((k) => k.startsWith('crafted '))).size, why).toBeGreaterThanOrEqual(20);
    expect(outcome.probes.length, why).toBeGreaterThan(20);
    // Every probe answered, within the probe's own 5 s timeout.
    expect(outcome.probes.filter((p) => !p.ok), why).toEqual([]);
    expect(Math.max(...outcome.probes.map((p) => p.damagedWorkshops ?? 0)), why).toBe(0);
    expect(outcome.session.problems, why).toEqual([]);
    expect(outcome.errorLines, why).toEqual([]);
    expect(outcome.checks.filter((c) => !c.ok), why).toEqual([]);
  }, 90_000);
});

describe('crafted changes through the server’s check, in process', () => {
  it('never lets through a change Yjs fails to apply or keeps aside', () => {
    expect(checkedApplyRun(SEED, 2_500), `seed ${SEED}`).toBeNull();
  });

  it('never lets through an item that copies of the workshop would put in different places', () => {
    expect(forgedNeighbourDisagreement(SEED, 1_500), `seed ${SEED}`).toBeNull();
  });
});

describe('crafted changes the fuzzer found getting past the check', () => {
  let server: SpawnedServer;
  const people: Person[] = [];
  const sockets: AttackSocket[] = [];
  beforeAll(async () => {
    server = await spawnServer(tempDataDir(), { LOG_LEVEL: 'error' });
  });
  afterAll(async () => {
    for (const p of people) p.leave();
    for (const s of sockets) s.terminate();
    await server?.kill();
  });

  let keys = 0;
  const enter = async (w: CreateWorkshopResponse, role: 'host' | 'viewer'): Promise<Person> => {
    const p = join(server.wsUrl, w.id, w.tokens[role], role, role, `yjs-fuzz-key-${++keys}-padding`);
    people.push(p);
    await whenSynced(p);
    return p;
  };
  const attacker = async (w: CreateWorkshopResponse): Promise<AttackSocket> => {
    const s = await AttackSocket.connect(server.wsUrl, w.id, w.tokens.participant, `yjs-fuzz-attacker-${++keys}-padding`);
    sockets.push(s);
    return s;
  };
  const damaged = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { damagedWorkshops: number }).damagedWorkshops;
  /** A host with cards, and a viewer who has received them: the ids an attacker aims at. */
  async function board(headlines: string[]) {
    const w = await createWorkshop(server, { title: 'Found by the fuzzer' });
    const host = await enter(w, 'host');
    const ids = headlines.map((headline) => addCard(host.doc, { board: 'working-well', headline, createdBy: 'Host' }));
    const viewer = await enter(w, 'viewer');
    await waitFor(() => ids.every((id) => readCard(viewer.doc, id) !== null), 'the cards to reach the viewer');
    const headline = (id: string) => cardFieldHolder(viewer.doc, id, CARD_KEYS.headline)!;
    return { w, host, viewer, ids, headline };
  }
  /** What a stranger opening the workshop now receives. */
  async function freshCopy(w: CreateWorkshopResponse): Promise<Person> {
    return enter(w, 'viewer');
  }

  it('refuses a change that re-sends its writer’s clocks into another place (Yjs failed applying it: the workshop was damaged)', async () => {
    const { w, viewer, ids, headline } = await board(['A', 'B']);
    const s = await attacker(w);
    // Clocks 0-2 refused (a name no workshop has): the server keeps placeholders for them.
    const first = new Pen(4242, 0);
    s.send(syncMessage('update', update([first.in('junk', null, new Y.ContentString('abc'))])));
    // The same clocks again and three more, now said to go into card B's headline: Yjs puts
    // the new part after the placeholder, which has no neighbours to link to.
    const again = new Pen(4242, 0);
    s.send(syncMessage('update', update([again.in(headline(ids[1]!), null, new Y.ContentString('abcdef'))])));
    await s.settle(10_000);
    expect(await damaged()).toBe(0);
    expect(viewer.closes).toEqual([]);
    const fresh = await freshCopy(w);
    expect(readCard(fresh.doc, ids[1]!)?.headline).toBe('B');
  });

  it('refuses a change that re-sends clocks the workshop has with neighbours it lacks (Yjs failed, or kept the rest aside unchecked)', async () => {
    const { w, viewer, ids, headline } = await board(['C']);
    const s = await attacker(w);
    const first = new Pen(4343, 0);
    s.send(syncMessage('update', update([first.in(headline(ids[0]!), null, new Y.ContentString('abc'))])));
    await s.settle(10_000);
    await waitFor(() => readCard(viewer.doc, ids[0]!)?.headline === 'abcC', 'the attacker’s allowed typing');
    // Clocks 0-2 again, now after a clock of its own it never wrote: Yjs fails to find it.
    const later = new Pen(4343, 0);
    s.send(syncMessage('update', update([later.after(Y.createID(4343, 500), new Y.ContentString('abc'))])));
    // Clocks 0-2 again after another writer's change nobody has, then new words: Yjs keeps
    // all of it aside until that change arrives, after it was judged.
    const aside = new Pen(4343, 0);
    const known = aside.after(Y.createID(99_999, 5), new Y.ContentString('abc'));
    s.send(syncMessage('update', update([known, aside.after(known.id, new Y.ContentString('NEW'))])));
    await s.settle(10_000);
    expect(await damaged()).toBe(0);
    const fresh = await freshCopy(w);
    expect(hasParkedChanges(fresh.doc)).toBe(false);
    expect(readCard(fresh.doc, ids[0]!)?.headline).toBe('abcC');
  });

  it('refuses one writer’s change split into two runs: Yjs applied only the second, kept it aside, and let it in later past the headline’s limit', async () => {
    const { w, ids, headline } = await board(['X', 'Y'.repeat(250)]);
    const s = await attacker(w);
    // Judged as 291 characters typed into X's headline, within its limit …
    const pen = new Pen(4444, 0);
    const a = pen.in(headline(ids[0]!), null, new Y.ContentString('a'));
    const b = pen.after(a.id, new Y.ContentString('B'.repeat(290)));
    s.send(syncMessage('update', encodeUpdate([{ client: 4444, clock: 0, structs: [a] }, { client: 4444, clock: 1, structs: [b] }])));
    // …then clock 0 again, as one character in Y's headline: the 290 kept aside follow it there.
    const z = new Pen(4444, 0);
    s.send(syncMessage('update', update([z.in(headline(ids[1]!), null, new Y.ContentString('z'))])));
    await s.settle(10_000);
    const fresh = await freshCopy(w);
    expect(readCard(fresh.doc, ids[1]!)!.headline.length).toBeLessThanOrEqual(300);
    expect(hasParkedChanges(fresh.doc)).toBe(false);
  });

  it('refuses an item placed after what it says comes after it (each copy put it elsewhere: the server and a host disagreed for good)', async () => {
    const w = await createWorkshop(server, { title: 'Neighbours' });
    const host = await enter(w, 'host');
    updateSetup(host.doc, { title: 'First title' });
    updateSetup(host.doc, { title: 'Second title' });
    const viewer = await enter(w, 'viewer');
    await waitFor(() => readSetup(viewer.doc).title === 'Second title', 'the titles');
    const current = valueHolder(metaMap(viewer.doc), META_KEYS.title)!;
    // The host changes the title while its connection is down …
    host.provider.disconnect();
    updateSetup(host.doc, { title: 'The host’s title' });
    // … while a forger's value for the same key names the current value as both its left and its right neighbour.
    const s = await AttackSocket.connect(server.wsUrl, w.id, w.tokens.facilitator, `yjs-fuzz-attacker-${++keys}-padding`);
    sockets.push(s);
    s.send(syncMessage('update', update([new Pen(0xfffffff0, 0).after(current, new Y.ContentAny(['Forged title']), current)])));
    await s.settle(10_000);
    host.provider.connect();
    await whenSynced(host);
    const fresh = await freshCopy(w);
    // The server received the forger's value first and the host's second; the host the other way round.
    await waitFor(() => documentDifference(host.doc, fresh.doc) === null, 'the host and the server to agree', 5_000).catch(() => undefined);
    expect(readSetup(fresh.doc).title).toBe(readSetup(host.doc).title);
    expect(documentDifference(host.doc, fresh.doc)).toBeNull();
  });

  // Found by the fuzzer (issue 14, finding 5 by another road): formatting marks counted
  // towards no limit. A participant formatted a one-character headline with ninety marks
  // of their own naming, each 16 KB: one 1.5 MB message, kept, sent to everyone and stored
  // (five left 7.4 MB in the workshop; the headline still read "M"). Plain fields now hold
  // characters only, and a body only the marks its editor has (shape.ts, MARKS).
  it('keeps megabytes of formatting marks on a one-character headline out of the workshop', async () => {
    const { w, viewer, ids } = await board(['M']);
    const s = await attacker(w);
    const value = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, 'v'.repeat(2048)]));
    const scratch = new Y.Doc();
    scratch.clientID = 4646;
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(viewer.doc));
    const text = (scratch.getMap('cards').get(ids[0]!) as Y.Map<Y.Text>).get(CARD_KEYS.headline)!;
    for (let n = 0; n < 5; n++) {
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => {
        for (let k = 0; k < 90; k++) text.format(0, 1, { [`mark${n}x${k}`]: value });
      });
      s.send(syncMessage('update', Y.encodeStateAsUpdate(scratch, before)));
    }
    await s.settle(60_000);
    const fresh = await freshCopy(w);
    expect(readCard(fresh.doc, ids[0]!)?.headline).toBe('M');
    expect(s.refusals.length + (s.isOpen ? 0 : 1)).toBeGreaterThan(0);
    expect(Y.encodeStateAsUpdate(fresh.doc).length).toBeLessThan(1024 * 1024);
  }, 90_000);

  it('lets a body carry bold, italic and links, and nothing else of any size', async () => {
    const { w, host, viewer, ids } = await board(['Partnerships']);
    setCardBody(host.doc, ids[0]!, [{ type: 'paragraph', content: [{ type: 'text', text: 'Strong partnerships with families' }] }]);
    const paragraphText = (doc: Y.Doc) => (cardBodyFragment(doc, ids[0]!)?.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText;
    await waitFor(() => paragraphText(viewer.doc)?.length > 0, 'the body to reach the viewer');
    // What the editor writes (y-prosemirror: a mark's attributes as its value) is kept.
    paragraphText(host.doc).format(0, 6, { bold: {} });
    paragraphText(host.doc).format(7, 12, { link: { href: 'https://education.gov.scot/', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } });
    await waitFor(() => paragraphText(viewer.doc).toDelta().some((op: { attributes?: Record<string, unknown> }) => op.attributes?.link), 'the link to reach the viewer');
    // A mark of another name, or a link carrying more than a link has, is refused.
    const s = await attacker(w);
    const scratch = new Y.Doc();
    scratch.clientID = 4848;
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(viewer.doc));
    for (const attributes of [{ shout: { k: 'v'.repeat(2048) } }, { link: { href: 'https://x.test/', payload: 'v'.repeat(2048) } }, { link: { href: 'https://x.test/', title: 't'.repeat(5000) } }]) {
      const before = Y.encodeStateVector(scratch);
      paragraphText(scratch).format(0, 3, attributes);
      s.send(syncMessage('update', Y.encodeStateAsUpdate(scratch, before)));
    }
    await s.settle(30_000);
    expect(s.refusals.length + (s.isOpen ? 0 : 1)).toBeGreaterThan(0);
    const fresh = await freshCopy(w);
    const keys = paragraphText(fresh.doc).toDelta().flatMap((op: { attributes?: Record<string, unknown> }) => Object.keys(op.attributes ?? {}));
    expect(new Set(keys)).toEqual(new Set(['bold', 'link']));
    expect(JSON.stringify(paragraphText(fresh.doc).toDelta())).not.toMatch(/payload|ttttt|vvvvv/);
  });

  // Found by the fuzzer's full run (19 fatal lines): a sync step 1 whose state vector
  // cannot be read, arriving while a write is pending, was answered later in a promise;
  // Yjs threw reading it there, the process's last-resort handler logged it as fatal, and
  // the connection stayed open. The state vector is now read when the message is.
  it('closes a connection whose sync step 1 cannot be read, even while a write is pending, and logs nothing fatal', async () => {
    const w = await createWorkshop(server, { title: 'Unreadable step 1' });
    const s = await AttackSocket.connect(server.wsUrl, w.id, w.tokens.host, `yjs-fuzz-attacker-${++keys}-padding`);
    sockets.push(s);
    const before = server.output().length;
    // A change the server stores (a write is now pending), then at once a state vector
    // that says it holds five entries and ends.
    const socket = (s.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    socket.cork(); // one TCP write: the server reads both in one turn, the write still pending
    s.send(syncMessage('update', update([new Pen(4747, 0).in('meta', META_KEYS.title, new Y.ContentAny(['A title']))])));
    s.send(syncStep1(new Uint8Array([5])));
    socket.uncork();
    // Closed with 1007, or not closed at all (the answer failed where nothing catches it).
    const closed = await Promise.race([s.closed, new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: 0 }), 5_000))]);
    expect(closed.code).toBe(1007);
    expect(server.output().slice(before)).not.toMatch(/reached the top of the server/);
  });

  it('answers /healthz between the costly changes of one burst, not after all of them (found by the full run: the loop held for 300-550 ms)', async () => {
    // Each change within every limit yet costly to read (4,000 pieces, ~10 ms), and refused
    // whole (a name no workshop has); 150 of them in one write. Node reads up to 2 MB of a
    // socket at a time, about 28 of these: read all at once, that is ~300 ms of checking.
    const burst = Array.from({ length: 150 }, (_, n) => {
      const pen = new Pen(50_000 + n, 0);
      return syncMessage('update', update(Array.from({ length: 4_000 }, (_, i) => pen.in('junk', `k${i}`, new Y.ContentAny([i])))));
    });
    /** The slowest /healthz answer while one socket’s burst is read by server `s`. */
    const slowestDuring = async (s: SpawnedServer): Promise<number> => {
      const w = await createWorkshop(s, { title: 'A burst of costly changes' });
      const socket = await AttackSocket.connect(s.wsUrl, w.id, w.tokens.participant, `yjs-fuzz-attacker-${++keys}-padding`);
      sockets.push(socket);
      const probe = new HealthProbe(s.url, 20);
      await new Promise((r) => setTimeout(r, 200));
      const raw = (socket.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
      raw.cork();
      for (const message of burst) socket.send(message);
      raw.uncork();
      await socket.settle(60_000);
      await new Promise((r) => setTimeout(r, 200));
      const probes = await probe.stop();
      expect(probes.filter((p) => !p.ok)).toEqual([]);
      expect(socket.refusals.length + (socket.isOpen ? 0 : 1)).toBeGreaterThan(0);
      return Math.max(...probes.map((p) => p.ms));
    };
    // The same burst against a server with no budget (MESSAGE_TURN_MS=0), on the same machine at the same time.
    const unlimited = await spawnServer(tempDataDir(), { LOG_LEVEL: 'error', MESSAGE_TURN_MS: '0' });
    try {
      // The slowest answer is one number: on a machine busy with other tests (CI runs two
      // files at once, browsers among them), one stall of the whole machine can set it for
      // both servers. Measured again once when the pair does not show the budget.
      let without = 0;
      let within = Infinity;
      for (let attempt = 0; attempt < 2 && !(within < without / 2); attempt++) {
        without = await slowestDuring(unlimited);
        within = await slowestDuring(server);
      }
      expect(without, 'the burst holds a server with no budget up (else this test shows nothing)').toBeGreaterThan(150);
      expect(within, `slowest answer ${Math.round(within)} ms with the budget, ${Math.round(without)} ms without`).toBeLessThan(without / 2);
    } finally {
      await unlimited.kill();
    }
  }, 120_000);

  it('answers /healthz while it refuses 40,000 deletions in one change (taking them out of the change took time growing with their square)', async () => {
    const w = await createWorkshop(server, { title: 'Refused deletions' });
    const host = await enter(w, 'host');
    for (const n of [1, 2]) setCardBody(host.doc, addCard(host.doc, { board: 'working-well', headline: `Long ${n}`, createdBy: 'Host' }), [{ type: 'paragraph', content: [{ type: 'text', text: 'w'.repeat(20_000) }] }]);
    const viewer = await enter(w, 'viewer');
    const client = host.doc.clientID;
    const clocks = Y.getState(host.doc.store, client);
    await waitFor(() => Y.getState(viewer.doc.store, client) === clocks, 'the host’s cards to arrive');
    // In the Agreed phase nothing a participant does is kept: every deletion is refused.
    expect(await setPhase(server.url, w.id, w.tokens.facilitator, 'agreed')).toBe(200);
    const s = await attacker(w);
    const probe = new HealthProbe(server.url);
    const ranges = Array.from({ length: Math.min(40_000, clocks) }, (_, i) => ({ client, clock: i, len: 1 }));
    s.send(syncMessage('update', encodeUpdate([], ranges)));
    await waitFor(() => s.refusals.length > 0 || !s.isOpen, 'the refusal', 120_000);
    const probes = await probe.stop();
    expect(s.refusals[0]).toMatch(/agreed/);
    expect(probes.filter((p) => !p.ok)).toEqual([]);
  }, 150_000);
});
