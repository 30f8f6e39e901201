import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RawData, WebSocket } from 'ws';
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

/** Joins an authenticated socket to its room and speaks the y-websocket protocol. */
export function attachConnection(ws: WebSocket, room: Room, rooms: Attendance, role: Role, log: Logger, rules: WriteRules, limits: ConnectionLimits = DEFAULT_LIMITS): void {
  const conn: Connection = { ws, role, awarenessIds: new Set(), rules, limits, alive: true, missingInARow: 0, forged: 0 };
  const buckets = {
    updates: new Bucket(limits.updatesPerSecond),
    awareness: new Bucket(limits.awarenessPerSecond),
    echoes: new Bucket(Math.max(ECHOES_PER_SECOND, limits.awarenessPerSecond)),
  };
  room.connections.set(ws, conn);
  rooms.joined(room);

  // Once the server has decided to close a connection, nothing more from it is read:
  // ws keeps delivering messages until the close handshake ends.
  let closing = false;
  const close = (code: number, reason: string) => {
    closing = true;
    // A socket paused for being over its rate must be read again, or the client's reply
    // to the close is never seen and the close takes ws's 30 s timeout to finish.
    ws.resume();
    ws.close(code, reason);
  };
  // One client's flood must not starve everyone else in the workshop (or the server):
  // past its rate, its messages wait (and its socket is paused) until their turn.
  const held: Uint8Array[] = [];
  const maxHeld = HOLD_SECONDS * Math.max(limits.updatesPerSecond, limits.awarenessPerSecond, ECHOES_PER_SECOND);
  let waiting: Later | null = null;
  /** Handles one message; returns the bucket to wait for when its turn has not come. */
  const handle = (bytes: Uint8Array): Bucket | null => {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.awareness) {
      const news = presenceNews(room, conn, decoding.readVarUint8Array(decoder));
      const bucket = news.length > 0 ? buckets.awareness : buckets.echoes;
      if (!bucket.take()) return bucket;
      if (news.length > 0) applyPresence(room, conn, news);
      return null;
    }
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown message type ${type}`);
    if (!buckets.updates.take()) return buckets.updates;
    const reply = encoding.createEncoder();
    handler(room, conn, decoder, reply);
    // A reply holding only its message type has nothing to say.
    if (encoding.length(reply) > 1) room.send(conn, encoding.toUint8Array(reply));
    return null;
  };
  let heldBytes = 0;
  /** When this client last went over its rate without since dropping below it (0: it has not). */
  let throttledSince = 0;
  const failed = (err: unknown) => {
    // One client's bad bytes close that client only.
    if (err instanceof PolicyError) {
      metrics.recordError('too_many_messages');
      log.warn({ workshop: room.name, role: conn.role, err: err.message }, 'Closed a connection that sent too much');
      close(err.close.code, err.close.reason);
      return;
    }
    metrics.recordError('unreadable_message');
    log.warn({ workshop: room.name, role: conn.role, err: (err as Error).message }, 'Closed a connection that sent an unreadable message');
    close(CLOSE.malformed.code, CLOSE.malformed.reason);
  };
  const tooLong = () => throttledSince > 0 && performance.now() - throttledSince > HOLD_SECONDS * 1000;
  const hold = (bytes: Uint8Array) => {
    held.push(bytes);
    heldBytes += bytes.length;
    // Held for its rate, a client may only get so far ahead; held for the turn's budget
    // (its socket paused), only what was already read waits.
    if (heldBytes > MAX_HELD_BYTES || (throttledSince > 0 && (held.length > maxHeld || tooLong()))) throw new PolicyError('too many messages', CLOSE.tooFast);
  };
  /** This turn's time for messages is spent: the rest wait for the next turn. */
  const yieldTurn = () => {
    ws.pause();
    if (!waiting) waiting = later(drain, 0);
  };
  const drain = () => {
    waiting = null;
    try {
      while (held.length > 0 && !closing) {
        if (turnSpent()) {
          yieldTurn();
          return;
        }
        const wait = handle(held[0]!);
        if (wait) {
          if (!throttledSince) throttledSince = performance.now();
          if (tooLong()) throw new PolicyError('too many messages', CLOSE.tooFast);
          waiting = later(drain, wait.msUntilNext());
          return;
        }
        heldBytes -= held.shift()!.length;
      }
      if (!closing) ws.resume();
    } catch (err) {
      failed(err);
    }
  };
  ws.on('message', (data, isBinary) => {
    if (closing) return;
    try {
      if (!isBinary) throw new Error('text frame');
      const bytes = toBytes(data);
      // Behind others already waiting: keep the order.
      if (held.length > 0) {
        hold(bytes);
        return;
      }
      if (turnSpent()) {
        hold(bytes);
        yieldTurn();
        return;
      }
      const wait = handle(bytes);
      if (!wait) {
        throttledSince = 0;
        return;
      }
      if (!throttledSince) throttledSince = performance.now();
      hold(bytes);
      ws.pause();
      waiting = later(drain, wait.msUntilNext());
    } catch (err) {
      failed(err);
    }
  });

  // The room pings every connection on one timer (Room.heartbeat).
  ws.on('pong', () => (conn.alive = true));

  ws.on('close', () => {
    waiting?.cancel();
    held.length = 0;
    room.connections.delete(ws);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    rooms.left(room);
  });
  ws.on('error', (err) => log.warn({ workshop: room.name, err: err.message }, 'Connection error'));

  // Start the sync: send our state vector, and everyone who is here.
  room.greet(conn);
}
