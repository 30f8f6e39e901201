import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RawData, WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { CLOSE, MESSAGE } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import type { Room } from './room.js';
import { PRESENCE_MESSAGES_PER_SECOND } from './presenceRelay.js';
import { applyPresence, presenceNews } from './presenceMessages.js';
import { metrics } from '../metrics.js';
import { later, type Later } from '../later.js';
import { turnSpent } from './turnBudget.js';
import { DEFAULT_LIMITS, type Connection, type ConnectionLimits, type WriteRules } from './types.js';

export { DEFAULT_LIMITS, type ConnectionLimits, type WriteRules };

/** What the connection needs of the room manager: to say who is here. */
export interface Attendance {
  joined(room: Room): void;
  left(room: Room): void;
}

/** A token bucket: `take()` is false once a client sends faster than the rate allows. */
class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: number) {
    this.tokens = rate * 2;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.rate * 2, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** How long until take() can succeed. */
  msUntilNext(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
  }
}

/**
 * A client sending faster than its rate has its messages held back, in order, and its
 * socket paused: a short burst (a paste, a page of editors starting) is slowed down, not
 * cut off. A client kept waiting longer than this without a break is closed: a flood
 * ends there, and a real client reconnects and sends all it has in one message, which is
 * quicker than waiting its turn. Never more than this many seconds' worth of its rate
 * are held at once.
 */
const HOLD_SECONDS = 1;
/** And never more than this many bytes held for one connection. */
const MAX_HELD_BYTES = 8 * 1024 * 1024;

/** A message the server refuses to act on; the sender is closed with this code. */
class PolicyError extends Error {
  constructor(
    message: string,
    readonly close: { code: number; reason: string },
  ) {
    super(message);
  }
}

/**
 * Presence messages that change nothing (a stock client repeating what it was sent) are
 * cheap, but not free: they have a rate of their own, above the rate at which the room
 * sends presence, so a client repeating every one never waits.
 */
const ECHOES_PER_SECOND = 2 * PRESENCE_MESSAGES_PER_SECOND;

/**
 * The message as bytes whose underlying buffer ends where the message ends. ws hands
 * out Buffers that are views into a larger pooled ArrayBuffer, and lib0's decoder
 * slices `arr.buffer` directly: a truncated message would then read on into other
 * bytes instead of failing. Copy unless the view already spans its whole buffer.
 */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return new Uint8Array(data.buffer);
  return new Uint8Array(data);
}

/** A state vector that knows nothing: a client opening the workshop for the first time. */
function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.length === 1 && sv[0] === 0;
}

/** An update that changes nothing: no structs and an empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

type Handler = (room: Room, conn: Connection, decoder: decoding.Decoder, reply: encoding.Encoder) => void;

function handleSync(room: Room, conn: Connection, decoder: decoding.Decoder, reply: encoding.Encoder): void {
  encoding.writeVarUint(reply, MESSAGE.sync);
  const type = decoding.readVarUint(decoder);
  if (type === syncProtocol.messageYjsSyncStep1) {
    const stateVector = decoding.readVarUint8Array(decoder);
    // A new client (an empty state vector) gets the whole document, encoded once per
    // change rather than once per client: a room of people opening a big board at once.
    if (isEmptyStateVector(stateVector)) {
      room.answerNewcomer(conn);
      return;
    }
    // Read now, while this message's errors close this connection: the answer may be made
    // later (below), where a state vector that cannot be read would throw unhandled.
    Y.decodeStateVector(stateVector);
    // The answer is the client's receipt ("saved"): it goes once everything this server
    // has stored so far is durable, so "saved" means on disk.
    room.answerStep1(conn, stateVector);
    return;
  }
  if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) {
    throw new Error(`unknown sync message type ${type}`);
  }
  const update = decoding.readVarUint8Array(decoder);
  if (decoder.pos !== decoder.arr.length) throw new Error('a sync message has bytes after its update');
  if (isEmptyUpdate(update)) return;
  if (!conn.rules.mayWrite) {
    // A viewer may read but never change the document, whether the change comes as an
    // update or is tucked inside a sync step 2. A stock client's step 2 always repeats
    // the deletions it knows of, so only say "not kept" when it holds something new.
    if (type === syncProtocol.messageYjsUpdate || carriesNew(room, update)) room.deny(conn, conn.rules.readOnlyReason);
    return;
  }
  metrics.recordUpdate();
  // Decided before anything is applied: see check.ts.
  room.receive(conn, update);
}

/** Whether an update holds items the document does not have yet. */
function carriesNew(room: Room, update: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(room.doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
    if (clock > (have.get(client) ?? 0)) return true;
  }
  return false;
}

const handlers: Record<number, Handler> = {
  [MESSAGE.sync]: handleSync,
  // Presence is read in attachConnection's handle(): which rate applies depends on what it holds.
  [MESSAGE.queryAwareness]: (room, _conn, _decoder, reply) => {
    encoding.writeVarUint(reply, MESSAGE.awareness);
    encoding.writeVarUint8Array(reply, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
  },
  // Clients do not send auth messages in this protocol; ignore rather than fail.
  [MESSAGE.auth]: () => undefined,
};

/**
 * One person's connection: the Connection the room knows, and how its messages are read.
 * A class rather than closures made per connection: its methods are shared, and the four
 * listeners below are plain functions finding it from the socket, so each connection costs
 * its fields only (eleven closures and their context were about 700 bytes each).
 */
class LiveConnection implements Connection {
  readonly awarenessIds = new Set<number>();
  alive = true;
  missingInARow = 0;
  forged = 0;
  /** Once the server has decided to close a connection, nothing more from it is read: ws keeps delivering messages until the close handshake ends. */
  closing = false;
  /** Messages waiting their turn, in order (the client over its rate, or the turn's budget spent). */
  private readonly held: Uint8Array[] = [];
  private heldBytes = 0;
  /** When this client last went over its rate without since dropping below it (0: it has not). */
  private throttledSince = 0;
  private waiting: Later | null = null;
  private readonly updates: Bucket;
  private readonly awareness: Bucket;
  private readonly echoes: Bucket;

  constructor(
    readonly ws: WebSocket,
    readonly socket: Duplex,
    readonly role: Role,
    readonly rules: WriteRules,
    readonly limits: ConnectionLimits,
    readonly room: Room,
    readonly rooms: Attendance,
    private readonly log: Logger,
  ) {
    this.updates = new Bucket(limits.updatesPerSecond);
    this.awareness = new Bucket(limits.awarenessPerSecond);
    this.echoes = new Bucket(Math.max(ECHOES_PER_SECOND, limits.awarenessPerSecond));
  }

  /** The most messages held at once: its rate's worth for HOLD_SECONDS. */
  private get maxHeld(): number {
    return HOLD_SECONDS * Math.max(this.limits.updatesPerSecond, this.limits.awarenessPerSecond, ECHOES_PER_SECOND);
  }

  close(code: number, reason: string): void {
    this.closing = true;
    // A socket paused for being over its rate must be read again, or the client's reply
    // to the close is never seen and the close takes ws's 30 s timeout to finish.
    this.ws.resume();
    this.ws.close(code, reason);
  }

  /** Handles one message; returns the bucket to wait for when its turn has not come. */
  private handle(bytes: Uint8Array): Bucket | null {
    const { room } = this;
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.awareness) {
      const news = presenceNews(room, this, decoding.readVarUint8Array(decoder));
      const bucket = news.length > 0 ? this.awareness : this.echoes;
      if (!bucket.take()) return bucket;
      if (news.length > 0) applyPresence(room, this, news);
      return null;
    }
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown message type ${type}`);
    if (!this.updates.take()) return this.updates;
    const reply = encoding.createEncoder();
    handler(room, this, decoder, reply);
    // A reply holding only its message type has nothing to say.
    if (encoding.length(reply) > 1) room.send(this, encoding.toUint8Array(reply));
    return null;
  }

  /** One client's bad bytes close that client only. */
  private failed(err: unknown): void {
    if (err instanceof PolicyError) {
      metrics.recordError('too_many_messages');
      this.log.warn({ workshop: this.room.name, role: this.role, err: err.message }, 'Closed a connection that sent too much');
      this.close(err.close.code, err.close.reason);
      return;
    }
    metrics.recordError('unreadable_message');
    this.log.warn({ workshop: this.room.name, role: this.role, err: (err as Error).message }, 'Closed a connection that sent an unreadable message');
    this.close(CLOSE.malformed.code, CLOSE.malformed.reason);
  }

  private tooLong(): boolean {
    return this.throttledSince > 0 && performance.now() - this.throttledSince > HOLD_SECONDS * 1000;
  }

  private hold(bytes: Uint8Array): void {
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    // Held for its rate, a client may only get so far ahead; held for the turn's budget
    // (its socket paused), only what was already read waits.
    if (this.heldBytes > MAX_HELD_BYTES || (this.throttledSince > 0 && (this.held.length > this.maxHeld || this.tooLong()))) {
      throw new PolicyError('too many messages', CLOSE.tooFast);
    }
  }

  /** Read the held messages again in `ms` (a timer made only while this client waits). */
  private drainIn(ms: number): void {
    this.waiting = later(() => this.drain(), ms);
  }

  /** This turn's time for messages is spent: the rest wait for the next turn. */
  private yieldTurn(): void {
    this.ws.pause();
    if (!this.waiting) this.drainIn(0);
  }

  private drain(): void {
    this.waiting = null;
    try {
      while (this.held.length > 0 && !this.closing) {
        if (turnSpent()) {
          this.yieldTurn();
          return;
        }
        const wait = this.handle(this.held[0]!);
        if (wait) {
          if (!this.throttledSince) this.throttledSince = performance.now();
          if (this.tooLong()) throw new PolicyError('too many messages', CLOSE.tooFast);
          this.drainIn(wait.msUntilNext());
          return;
        }
        this.heldBytes -= this.held.shift()!.length;
      }
      if (!this.closing) this.ws.resume();
    } catch (err) {
      this.failed(err);
    }
  }

  message(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    try {
      if (!isBinary) throw new Error('text frame');
      const bytes = toBytes(data);
      // Behind others already waiting: keep the order.
      if (this.held.length > 0) {
        this.hold(bytes);
        return;
      }
      if (turnSpent()) {
        this.hold(bytes);
        this.yieldTurn();
        return;
      }
      const wait = this.handle(bytes);
      if (!wait) {
        this.throttledSince = 0;
        return;
      }
      if (!this.throttledSince) this.throttledSince = performance.now();
      this.hold(bytes);
      this.ws.pause();
      this.drainIn(wait.msUntilNext());
    } catch (err) {
      this.failed(err);
    }
  }

  closed(): void {
    this.waiting?.cancel();
    this.held.length = 0;
    this.room.connections.delete(this.ws);
    awarenessProtocol.removeAwarenessStates(this.room.awareness, [...this.awarenessIds], null);
    this.rooms.left(this.room);
  }

  errored(err: Error): void {
    this.log.warn({ workshop: this.room.name, err: err.message }, 'Connection error');
  }
}

/** Each socket's connection, for the listeners below (shared by every socket: `this` is the socket). */
const live = new WeakMap<WebSocket, LiveConnection>();

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  live.get(this)?.message(data, isBinary);
}
function onPong(this: WebSocket): void {
  const conn = live.get(this);
  if (conn) conn.alive = true;
}
function onClose(this: WebSocket): void {
  live.get(this)?.closed();
}
function onError(this: WebSocket, err: Error): void {
  live.get(this)?.errored(err);
}

/** Joins an authenticated socket to its room and speaks the y-websocket protocol. */
export function attachConnection(ws: WebSocket, socket: Duplex, room: Room, rooms: Attendance, role: Role, log: Logger, rules: WriteRules, limits: ConnectionLimits = DEFAULT_LIMITS): void {
  const conn = new LiveConnection(ws, socket, role, rules, limits, room, rooms, log);
  live.set(ws, conn);
  room.connections.set(ws, conn);
  rooms.joined(room);
  ws.on('message', onMessage);
  // The room pings every connection on one timer (Room.heartbeat).
  ws.on('pong', onPong);
  ws.on('close', onClose);
  ws.on('error', onError);
  // Start the sync: send our state vector, and everyone who is here.
  room.greet(conn);
}
