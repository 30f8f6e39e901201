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
/**
 * A renewal (a presence sent again unchanged, which every client does every 15 s to say it
 * is still there) goes out with the other renewals this often rather than at once. Clients
 * forget a presence they have not heard of for 30 s, so they still hear each in time; and
 * 200 people who joined over some minutes no longer cost 13 messages to everyone every
 * second, each a message the server sends 200 times and a browser reads before the next edit.
 * Not longer: a stock client sends back every presence message it receives, whole, so a
 * batch comes back from everyone at once. Sent every 5 s, a batch held about 65 renewals
 * with 200 people, and the bench's readers, answering it together, delayed the edits
 * around it: the 400 ms after each batch held 38-58 % of fan-out 200's slowest 1 %
 * (DUMP_LATENCIES, bench/results/2026-12-06-03-23.md).
 */
export const RENEWAL_BATCH_MS = 1000;

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
  /** Ids whose state really changed in the update being handled (y-protocols says so just before). */
  private readonly changedNow = new Set<number>();
  /** Ids renewed unchanged since the last renewals went out. */
  private readonly renewals = new Set<number>();
  private renewTimer: Later | null = null;

  constructor(
    readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (message: Uint8Array) => void,
  ) {
    // 'change' (only states that differ) comes just before 'update' (every state sent).
    awareness.on('change', this.onChange);
    awareness.on('update', this.onUpdate);
  }

  private onChange = ({ updated }: { updated: number[] }): void => {
    for (const id of updated) this.changedNow.add(id);
  };

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
    for (const id of updated) {
      if (this.changedNow.has(id)) this.due.add(id);
      else if (!this.due.has(id)) this.renewals.add(id);
    }
    for (const id of removed) this.due.add(id);
    this.changedNow.clear();
    if (this.renewals.size > 0 && !this.renewTimer) this.renewTimer = later(this.sendRenewals, RENEWAL_BATCH_MS);
    if (this.due.size === 0 || this.timer) return;
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
    // Whatever goes now carries its latest clock: a renewal waiting for it is covered.
    for (const id of changed) this.renewals.delete(id);
    this.sendStates(changed);
  };

  /** Every renewal since the last, in one message. */
  private sendRenewals = (): void => {
    this.renewTimer = null;
    const renewed = [...this.renewals].filter((id) => this.awareness.states.has(id));
    this.renewals.clear();
    this.sendStates(renewed);
  };

  private sendStates(ids: number[]): void {
    if (ids.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    this.broadcast(encoding.toUint8Array(encoder));
  }

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
    this.timer?.cancel();
    this.renewTimer?.cancel();
    this.timer = null;
    this.renewTimer = null;
    this.awareness.off('change', this.onChange);
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }
}
