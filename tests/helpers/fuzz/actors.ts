import type { Role } from '../../../shared/roles.js';
import { craftAttack } from './craft.js';
import { Pen } from './forge.js';
import { honestOperation } from './honest.js';
import { AttackSocket, steady } from './people.js';
import { setPhase, somePhase } from './phases.js';
import type { Random } from './random.js';
import type { Tally } from './tally.js';
import { honestIds, type FuzzWorkshop } from './cast.js';

/** What every actor shares: where the server is, when to stop, and where to write down what happened. */
export interface Stage {
  url: string;
  wsUrl: string;
  until: number;
  /** True once the run has sent all it was asked to (it may stop before `until`). */
  enough: () => boolean;
  scale: 'light' | 'full';
  maxMessageBytes: number;
  tally: Tally;
  /** Things that must never happen (the server stopped answering, a phase change failed). */
  problems: string[];
  /** Every crafted message, when and what: to tell what was in flight when /healthz was slow. */
  log: { at: number; kind: string; bytes: number }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running = (s: Stage) => Date.now() < s.until && !s.enough();

/**
 * The people of one workshop, taking turns at honest operations, `perSecond` in all.
 * The watching host acts now and then, with changes no limit can refuse; viewers and
 * people the phase has shut out try only when the interface was a moment behind.
 */
export async function honestActor(s: Stage, w: FuzzWorkshop, r: Random, perSecond: number): Promise<void> {
  const everyone = [w.watcher, ...w.people];
  while (running(s)) {
    await sleep(r.between(1, Math.ceil(2000 / perSecond)));
    const person = r.chance(0.1) ? w.watcher : r.pick(everyone);
    if (!person.provider.wsconnected || !person.provider.synced) continue;
    const op = honestOperation(person.doc, r, { role: person.role, phase: w.phase, name: person.name, safeOnly: person === w.watcher });
    if (op) s.tally.count(s.tally.sent, `honest ${op}`);
  }
}

/** Now and then someone's connection drops and comes back: a stock client then sends all it has in one sync step 2. */
export async function churnActor(s: Stage, w: FuzzWorkshop, r: Random, everyMs: number): Promise<void> {
  while (running(s)) {
    await sleep(r.between(everyMs / 2, everyMs * 1.5));
    const person = r.pick(w.people);
    if (!person.provider.wsconnected) continue;
    steady(person);
    person.provider.disconnect();
    s.tally.count(s.tally.sent, 'honest reconnect');
    await sleep(r.between(100, 1500));
    person.provider.connect();
  }
}

/** The facilitator moves a workshop to another phase every `everyMs` or so. */
export async function phaseActor(s: Stage, workshops: FuzzWorkshop[], r: Random, everyMs: number): Promise<void> {
  while (running(s)) {
    await sleep(r.between(everyMs / 2, everyMs * 1.5));
    const w = r.pick(workshops);
    const phase = somePhase(r);
    const status = await setPhase(s.url, w.id, w.tokens.facilitator, phase).catch((err: Error) => err.message);
    if (status !== 200) s.problems.push(`Moving workshop ${w.id} to ${phase} answered ${status}.`);
    else w.phase = phase;
    s.tally.count(s.tally.phases, phase);
  }
}

/** Which link an attacker uses: mostly a participant's, the one handed to a whole room. */
const ATTACKER_ROLES: Record<Role, number> = { participant: 5, facilitator: 2, host: 2, viewer: 1 };
/** Messages sent before asking the server (a ping) whether it has handled them. */
const BATCH = 10;

/**
 * One attacker on raw sockets: crafted messages at about `perSecond`, reconnecting with
 * another link (and sometimes the Yjs client id of its last connection) whenever the
 * server closes it. It waits for the server to handle each batch, so it measures what
 * the server can take rather than filling its buffers.
 */
export async function attackActor(s: Stage, w: FuzzWorkshop, r: Random, perSecond: number): Promise<void> {
  let socket: AttackSocket | null = null;
  let pen = new Pen(r.clientId(), 0);
  let last: Uint8Array | null = null;
  let unsettled = 0;
  let bytes = 0;
  let batchStarted = Date.now();
  while (running(s)) {
    if (!socket || !socket.isOpen) {
      const role = r.weighted(ATTACKER_ROLES);
      try {
        socket = await AttackSocket.connect(s.wsUrl, w.id, w.tokens[role], r.chance(0.7) ? r.personKey() : null);
      } catch (err) {
        s.problems.push(`An attacker could not connect to workshop ${w.id}: ${(err as Error).message}`);
        await sleep(500);
        continue;
      }
      // A new writer, or the last connection's id again (as another person, that is forgery).
      if (r.chance(0.8)) pen = new Pen(r.clientId(), 0);
    }
    if (r.chance(0.03)) pen = new Pen(r.clientId(), 0);
    const attack = craftAttack({ r, doc: w.watcher.doc, pen, others: honestIds(w), phase: w.phase, maxMessageBytes: s.maxMessageBytes, scale: s.scale, last });
    for (const message of attack.messages) {
      // Once the server has closed the connection, the rest would go nowhere: not counted.
      if (!socket.send(message)) break;
      bytes += message.length;
      unsettled++;
      s.log.push({ at: Date.now(), kind: attack.kind, bytes: message.length });
      s.tally.count(s.tally.sent, `crafted ${attack.kind}`);
      last = message;
    }
    if (unsettled < BATCH && bytes < 100_000 && socket.isOpen) continue;
    const verdict = await socket.settle(30_000).catch((err: Error) => {
      s.problems.push(`${err.message} (workshop ${w.id}, after ${attack.kind}).`);
      socket!.terminate();
      return -1;
    });
    for (const refusal of socket.refusals.splice(0)) s.tally.refused(refusal);
    if (verdict !== 'open') s.tally.count(s.tally.closes, `crafted ${verdict}`);
    // The server says where this writer's clock stands when it asks for what it lacks.
    const clocks = socket.takeServerClocks();
    if (clocks) pen.clock = clocks.get(pen.client) ?? 0;
    // About `perSecond` on average: a batch takes at least its share of a second.
    await sleep(Math.max(0, batchStarted + (unsettled * 1000) / perSecond - Date.now()));
    unsettled = 0;
    bytes = 0;
    batchStarted = Date.now();
  }
  if (socket) {
    for (const refusal of socket.refusals.splice(0)) s.tally.refused(refusal);
    await socket.close();
  }
}
