// Thousands of random and mutated-valid messages over real WebSocket connections to the
// real server (its own process), reconnecting whenever the server closes a socket; then
// the server must still be up, healthy, and serving good clients.
//
// Replay a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run tests/server/fuzz.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addCard, deleteCard, readBoards, setHeadline, updateSetup } from '../../shared/model/index.js';
import { MESSAGE } from '../../shared/protocol.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, type RawSocket } from '../helpers/rawSocket.js';
import { prng } from '../helpers/prng.js';
import { HUGE_VARINTS, concat, varUint } from '../helpers/fuzz/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const TOTAL_MESSAGES = 10_400;
const WORKERS = Number(process.env.FUZZ_WORKERS ?? 4); // sockets in flight at once
const BATCH = Number(process.env.FUZZ_BATCH ?? 20); // messages sent before asking whether the socket is still open

let server: SpawnedServer;
let w: CreateWorkshopResponse;
const logLines: string[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} — replay with FUZZ_SEED=${SEED}`);
  server = await spawnServer(tempDataDir(), { LOG_LEVEL: 'warn' });
  let pending = '';
  server.child.stdout!.on('data', (d) => {
    pending += String(d);
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (/"level":(50|60)/.test(line)) logLines.push(line);
  });
  w = await createWorkshop(server, { title: 'Fuzz' });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.kill();
});


/** Valid messages of every kind the protocol has, made with the shared model and y-protocols. */
function validCorpus(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 31337;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const ids = [0, 1, 2, 3].map((i) => addCard(doc, { board: i % 2 ? 'development' : 'working-well', headline: `Fuzz card ${i}`, createdBy: 'Fuzz' }));
  setHeadline(doc, ids[0]!, 'Fuzz card 0, edited');
  deleteCard(doc, ids[3]!);
  updateSetup(doc, { title: 'Fuzzed title' });
  doc.getText('stray').insert(0, 'text in a root the schema does not know');
  const sync = (write: (e: encoding.Encoder) => void) => encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    write(e);
  });
  const corpus: Uint8Array[] = [
    sync((e) => syncProtocol.writeSyncStep1(e, doc)),
    sync((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())),
    sync((e) => syncProtocol.writeSyncStep2(e, doc)),
    sync((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(doc))),
    ...updates.map((u) => sync((e) => syncProtocol.writeUpdate(e, u))),
    sync((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))),
    new Uint8Array([MESSAGE.queryAwareness]),
    encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.auth);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, 'permission denied?');
    }),
  ];
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#1d70b8' }, cursor: { anchor: 1, head: 4 } });
  awareness.setLocalStateField('user', { name: 'Fuzz again', color: '#00703c' });
  for (const ids2 of [[awareness.clientID]]) {
    corpus.push(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MESSAGE.awareness);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, ids2));
      }),
    );
  }
  awareness.setLocalState(null);
  corpus.push(
    encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    }),
  );
  awareness.destroy();
  return corpus;
}

/** Where the outer length of a framed message starts (sync: after type and sub-type; awareness: after type). */
function lengthOffset(msg: Uint8Array): number | null {
  try {
    const d = decoding.createDecoder(msg);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE.sync) {
      decoding.readVarUint(d);
      return d.pos;
    }
    if (type === MESSAGE.awareness) return d.pos;
  } catch {
    /* not framed */
  }
  return null;
}

/** A deterministic stream of bad, broken and (sometimes) valid messages. */
function messageStream(seed: number, corpus: Uint8Array[]) {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T,>(xs: T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  const randomLength = () => {
    const r = random();
    return r < 0.6 ? int(17) : r < 0.9 ? 17 + int(240) : 257 + int(3840);
  };
  const kinds = {
    randomBytes: () => {
      const b = bytes(randomLength());
      if (b.length > 0 && random() < 0.5) b[0] = int(4); // past the message-type check
      if (b.length > 1 && b[0] === MESSAGE.sync && random() < 0.7) b[1] = int(3);
      return b;
    },
    flipped: () => {
      const m = pick(corpus).slice();
      for (let i = 1 + int(4); i > 0; i--) {
        const at = int(m.length);
        m[at] = random() < 0.5 ? m[at]! ^ (1 << int(8)) : int(256);
      }
      return m;
    },
    truncated: () => {
      const m = pick(corpus);
      return m.slice(0, int(m.length));
    },
    extended: () => concat(pick(corpus), bytes(1 + int(64))),
    hugeVarint: () => {
      const m = pick(corpus);
      const at = int(m.length + 1);
      return concat(m.slice(0, at), pick(HUGE_VARINTS), m.slice(Math.min(m.length, at + int(3))));
    },
    lengthLie: () => {
      const m = pick(corpus);
      const at = lengthOffset(m);
      if (at === null) return concat(m, pick(HUGE_VARINTS));
      const d = decoding.createDecoder(m.subarray(at));
      const len = decoding.readVarUint(d);
      const payload = m.subarray(at + d.pos);
      const lie = pick([len + 1, len + 1 + int(100), Math.max(0, len - 1 - int(5)), 0, 2 ** 31, Number.MAX_SAFE_INTEGER]);
      return concat(m.subarray(0, at), varUint(lie), payload);
    },
    spliced: () => {
      const a = pick(corpus);
      const b = pick(corpus);
      return concat(a.slice(0, int(a.length + 1)), b.slice(int(b.length + 1)));
    },
    garbageInFrame: () => {
      const type = pick([MESSAGE.sync, MESSAGE.awareness]);
      return encoding.encode((e) => {
        encoding.writeVarUint(e, type);
        if (type === MESSAGE.sync) encoding.writeVarUint(e, int(3));
        encoding.writeVarUint8Array(e, bytes(randomLength()));
      });
    },
    valid: () => pick(corpus),
  };
  const weighted: [keyof typeof kinds, number][] = [
    ['randomBytes', 15],
    ['flipped', 15],
    ['truncated', 14],
    ['extended', 10],
    ['hugeVarint', 10],
    ['lengthLie', 10],
    ['spliced', 10],
    ['garbageInFrame', 9],
    ['valid', 7],
  ];
  const totalWeight = weighted.reduce((n, [, x]) => n + x, 0);
  return (): { kind: string; bytes: Uint8Array } => {
    let r = random() * totalWeight;
    for (const [kind, weight] of weighted) {
      if ((r -= weight) < 0) return { kind, bytes: kinds[kind]() };
    }
    return { kind: 'valid', bytes: kinds.valid() };
  };
}

/** 'accepted' once the server has handled every earlier frame on this socket (pong), or the close code. */
function verdict(r: RawSocket, what: string): Promise<number | 'accepted'> {
  if (r.ws.readyState !== r.ws.OPEN) return r.closed.then((c) => c.code);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server neither answered nor closed within 20 s (${what}, seed ${SEED})`)), 20_000);
    const done = (v: number | 'accepted') => {
      clearTimeout(timer);
      resolve(v);
    };
    r.ws.once('pong', () => done('accepted'));
    void r.closed.then((c) => done(c.code));
    r.ws.ping();
  });
}

describe('fuzzing the collaboration endpoint', () => {
  it(`survives ${TOTAL_MESSAGES} random and mutated-valid messages, and still serves good clients`, async () => {
    const corpus = validCorpus();
    const targets = [
      { room: w.id, token: w.tokens.host },
      { room: w.id, token: w.tokens.participant },
      { room: w.id, token: w.tokens.facilitator },
      { room: w.id, token: w.tokens.viewer },
      { room: `${w.id}/session`, token: w.tokens.participant },
    ];
    const closeCodes = new Map<number, number>();
    const kindsSent = new Map<string, number>();
    let sent = 0;
    let connections = 0;
    // Messages certainly handled: every message of a batch the server then answered with a
    // pong, plus the one that made it close. The rest of a closed batch is dropped unread
    // (the server ignores a connection it has decided to close), so workers go on until
    // their share has certainly reached the handler.
    let surelyHandled = 0;

    async function worker(k: number, quota: number): Promise<void> {
      const next = messageStream(SEED + k * 7919, corpus);
      let raw: RawSocket | null = null;
      let mine = 0;
      let handled = 0;
      // After a close, short batches: most of a long one would go unread.
      let batch = BATCH;
      while (handled < quota) {
        if (raw === null) {
          const target = targets[connections++ % targets.length]!;
          raw = await openRaw(server.wsUrl, target.room, target.token);
          raw.ws.on('error', () => undefined);
        }
        const batchStart = mine;
        for (let i = 0; i < batch && handled + (mine - batchStart) < quota && raw.ws.readyState === raw.ws.OPEN; i++) {
          const { kind, bytes } = next();
          raw.ws.send(bytes);
          kindsSent.set(kind, (kindsSent.get(kind) ?? 0) + 1);
          mine++;
          sent++;
        }
        const v = await verdict(raw, `worker ${k} after ${mine} messages`);
        const got = v === 'accepted' ? mine - batchStart : 1;
        surelyHandled += got;
        handled += got;
        batch = v === 'accepted' ? Math.min(BATCH, batch * 2) : 1;
        if (v !== 'accepted') {
          closeCodes.set(v, (closeCodes.get(v) ?? 0) + 1);
          raw = null;
        }
      }
      if (raw) {
        raw.ws.close();
        await raw.closed;
      }
    }

    await Promise.all(Array.from({ length: WORKERS }, (_, k) => worker(k, TOTAL_MESSAGES / WORKERS)));
    console.log(
      `fuzz seed ${SEED}: ${sent} messages (${surelyHandled} certainly handled) over ${connections} connections; closes by code ${JSON.stringify(Object.fromEntries(closeCodes))}; kinds ${JSON.stringify(Object.fromEntries(kindsSent))}`,
    );

    // Informational: how many messages the server itself counted as unreadable (its /metrics).
    const metrics = await fetch(`${server.url}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
    const unreadable = metrics.match(/cairn_errors_total\{kind="unreadable_message"\} (\d+)/)?.[1];
    if (unreadable !== undefined) console.log(`fuzz seed ${SEED}: the server counted ${unreadable} unreadable messages`);

    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(surelyHandled).toBeGreaterThanOrEqual(10_000);
    // The process is alive, and every close was one of the server's own deliberate ones:
    // 1007 unreadable, 1008 too fast, 1009 too large. (1006 would mean a dropped socket.)
    expect(server.child.exitCode, `seed ${SEED}`).toBeNull();
    expect(server.child.signalCode, `seed ${SEED}`).toBeNull();
    expect([...closeCodes.keys()].filter((c) => ![1007, 1008, 1009].includes(c)), `unexpected close codes, seed ${SEED}`).toEqual([]);
    expect(closeCodes.get(1007) ?? 0).toBeGreaterThan(0);

    // Healthy.
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status, `seed ${SEED}`).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');

    // Good clients still sync and edit the fuzzed workshop, and a new one.
    const other = await createWorkshop(server, { title: 'After the fuzz' });
    for (const ws of [w, other]) {
      const a = connect(server.wsUrl, ws.id, ws.tokens.participant);
      const b = connect(server.wsUrl, ws.id, ws.tokens.host);
      clients.push(a, b);
      await Promise.all([synced(a), synced(b)]);
      const headline = `After the fuzz ${ws.id}`;
      addCard(a.doc, { board: 'working-well', headline, createdBy: 'Ann' });
      await waitFor(() => readBoards(b.doc)['working-well'].some((c) => c.headline === headline), `seed ${SEED}: a good edit to reach a second client`);
      await waitFor(() => Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc))), `seed ${SEED}: two good clients to converge`);
      const session = connect(server.wsUrl, `${ws.id}/session`, ws.tokens.viewer);
      clients.push(session);
      await synced(session);
    }
    // Nothing went wrong inside the server (errors are logged at level 50, fatal at 60).
    expect(logLines, `seed ${SEED}: error-level log lines`).toEqual([]);
  }, 150_000);
});
