import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../../shared/protocol.js';
import type { Connection } from './types.js';
import { later, type Later } from '../later.js';

/**
 * Presence goes out at most this often per workshop; changes in between go out together.
 * Every client renews its presence every 15 s, and people who joined together renew
 * together: 200 of them would otherwise be 40,000 messages at once, queued in front of
 * everyone's typing.
 */
export const AWARENESS_BATCH_MS = 50;
/** The most presence messages a room sends each connection in a second (plus one on joining). */
export const PRESENCE_MESSAGES_PER_SECOND = 1000 / AWARENESS_BATCH_MS;

/** Presence that came from another server: no connection here may speak for it. */
export const PEER_PRESENCE = 'peer';

/**
 * A room's presence: who announced which presence id (no one else may speak for it),
 * and every change since the last message, sent together. Changes made here also go to
 * the other servers holding the workshop (`toPeers`); theirs come back marked PEER_PRESENCE.
 */
export class PresenceRelay {
  /** Which connection announced each presence id ('peer': someone on another server). */
  readonly owners = new Map<number, Connection | typeof PEER_PRESENCE>();
  /** Where this server's presence changes go to reach other servers (none with one server). */
  toPeers: ((update: Uint8Array) => void) | null = null;
  private readonly due = new Set<number>();
  private timer: Later | null = null;
  private sentAt = -Infinity;

  constructor(
    readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (message: Uint8Array) => void,
  ) {
    awareness.on('update', this.onUpdate);
  }

  private onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const conn = origin && typeof origin === 'object' && 'awarenessIds' in origin ? (origin as Connection) : null;
    if (origin === PEER_PRESENCE) for (const id of [...added, ...updated]) this.owners.set(id, PEER_PRESENCE);
    else if (this.toPeers) this.toPeers(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
    if (conn) {
      // A person who comes back after a drop is "updated", not "added": the server
      // remembers their id's clock. Either way this connection now speaks for them.
      for (const id of [...added, ...updated]) {
        conn.awarenessIds.add(id);
        this.owners.set(id, conn);
      }
    }
    // Gone is gone, whoever removed it (its owner, its owner leaving, or a timeout).
    for (const id of removed) {
      const owner = this.owners.get(id);
      if (owner && owner !== PEER_PRESENCE) owner.awarenessIds.delete(id);
      this.owners.delete(id);
    }
    for (const id of added) this.due.add(id);
    for (const id of updated) this.due.add(id);
    for (const id of removed) this.due.add(id);
    if (this.timer) return;
    const wait = this.sentAt + AWARENESS_BATCH_MS - performance.now();
    // After a quiet spell the change goes out as soon as this turn's messages are read.
    this.timer = later(this.send, wait);
  };

  /** One message for every presence change since the last: each entry carries its latest state (or its removal). */
  private send = (): void => {
    this.timer = null;
    this.sentAt = performance.now();
    const changed = [...this.due];
    this.due.clear();
    if (changed.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(encoder));
  };

  /** Everyone here now, as one message for someone who just joined (null when nobody is). */
  everyone(): Uint8Array | null {
    const states = this.awareness.getStates();
    if (states.size === 0) return null;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
    return encoding.toUint8Array(e);
  }

  destroy(): void {
    if (this.timer) {
      this.timer.cancel();
      this.timer = null;
    }
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }
}
