import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { PeerRelay, Room } from './room.js';
import { PEER_PRESENCE } from './presenceRelay.js';

/** What a message on a workshop's channel carries. */
const KIND = {
  /** A change checked, applied and stored by the sender. */
  update: 0,
  /** Presence from the sender's connections. */
  awareness: 1,
  /** The sender's state vector: "send me what I lack" (and, seen the other way, "I lack nothing you have"). */
  holding: 2,
  /** The sender recorded who writes under a Yjs client id. */
  writer: 3,
  /** The sender has just opened the workshop: "who is with you?" (answered with presence). */
  whoIsHere: 4,
} as const;

/** How often each open workshop compares what it holds with the other servers', to catch up on lost messages. */
export const COMPARE_EVERY_MS = 5_000;

export const docChannel = (name: string) => `doc:${name}`;


/**
 * The relay stage with several servers: a workshop's changes, presence and writers go to
 * every other server that holds it, on the workshop's own channel. A server that opens a
 * workshop asks the others for what it lacks, and every open workshop compares what it
 * holds now and then, so a message lost on the way (pub/sub keeps nothing) only delays.
 */
export class DocumentRelay implements PeerRelay {
  private readonly rooms = new Map<string, Room>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => {
      for (const room of this.rooms.values()) this.announce(room);
    }, COMPARE_EVERY_MS);
    this.timer.unref();
    // Messages sent while the bus was away are lost: everyone compares at once.
    bus.onReconnect(() => {
      for (const room of this.rooms.values()) this.announce(room);
    });
  }

  /** A room opened here: hear the others, and ask them for what this server lacks. */
  attach(room: Room): void {
    this.rooms.set(room.name, room);
    room.presence.toPeers = (update) => this.awareness(room, update);
    this.bus.subscribe(docChannel(room.name), (message) => this.receive(room, message));
    // People already here on other servers announced themselves before this server listened,
    // and renew it only every 15 s: ask them now, or the people here would not see them till then.
    this.send(room, KIND.whoIsHere, () => undefined);
    this.announce(room);
  }

  detach(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    this.bus.unsubscribe(docChannel(room.name));
  }

  update(room: Room, update: Uint8Array): void {
    this.send(room, KIND.update, (e) => encoding.writeVarUint8Array(e, update));
  }

  awareness(room: Room, update: Uint8Array): void {
    this.send(room, KIND.awareness, (e) => encoding.writeVarUint8Array(e, update));
  }

  claim(room: Room, client: number, owner: string): void {
    this.send(room, KIND.writer, (e) => {
      encoding.writeVarUint(e, client);
      encoding.writeVarString(e, owner);
    });
  }

  private announce(room: Room): void {
    if (!room.built || room.damage) return;
    this.send(room, KIND.holding, (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(room.doc)));
  }

  private send(room: Room, kind: number, body: (e: encoding.Encoder) => void): void {
    if (!this.rooms.has(room.name)) return;
    this.bus.publish(
      docChannel(room.name),
      encoding.encode((e) => {
        encoding.writeVarUint(e, kind);
        body(e);
      }),
    );
  }

  private receive(room: Room, message: Uint8Array): void {
    if (room.damage) return;
    try {
      const d = decoding.createDecoder(message);
      const kind = decoding.readVarUint(d);
      if (kind === KIND.update) room.applyFromPeer(decoding.readVarUint8Array(d));
      else if (kind === KIND.awareness) awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(d), PEER_PRESENCE);
      else if (kind === KIND.writer) room.writerFromPeer(decoding.readVarUint(d), decoding.readVarString(d));
      else if (kind === KIND.holding) this.answer(room, decoding.readVarUint8Array(d));
      else if (kind === KIND.whoIsHere) this.tellWhoIsHere(room);
    } catch (err) {
      // Only servers publish here; a message that cannot be read is a bug to see in the log, not a reason to stop.
      this.log.warn({ err, workshop: room.name }, 'Could not read a message from another server');
    }
  }

  /** The presence of the people connected to this server (not those it heard of from others). */
  private tellWhoIsHere(room: Room): void {
    const states = room.awareness.getStates();
    const here = [...room.presence.owners].filter(([id, owner]) => owner !== PEER_PRESENCE && states.has(id)).map(([id]) => id);
    if (here.length > 0) this.awareness(room, awarenessProtocol.encodeAwarenessUpdate(room.awareness, here));
  }

  /** Another server said what it holds: send it what it lacks, and if it holds what this one lacks, say what this one holds. */
  private answer(room: Room, theirs: Uint8Array): void {
    const doc = room.doc;
    const them = Y.decodeStateVector(theirs);
    const mine = Y.decodeStateVector(Y.encodeStateVector(doc));
    // Only when they lack changes (an answer carries every deletion this server knows, too).
    for (const [client, clock] of mine) {
      if (clock > (them.get(client) ?? 0)) {
        this.update(room, Y.encodeStateAsUpdate(doc, theirs));
        break;
      }
    }
    for (const [client, clock] of them) {
      if (clock > (mine.get(client) ?? 0)) {
        this.announce(room);
        return;
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const room of [...this.rooms.values()]) this.detach(room);
  }
}
