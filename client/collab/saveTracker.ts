import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE } from '../../shared/protocol.js';

/** Wait this long after a change before asking for a receipt, so a burst of typing needs one. */
const ASK_AFTER_MS = 250;

/** Stands for the sync step 1 the provider sends itself when a socket opens. */
const PROVIDER_OWN_STEP1 = -1;

/**
 * Whether every change made on this device (typed here, or kept on this device from an
 * earlier visit and restored from IndexedDB) has reached the server.
 *
 * The y-websocket protocol has no receipts. But the server reads one socket's messages in
 * order and answers every sync step 1 with a step 2, so a step 1 sent after some changes
 * is answered only once the server has taken those changes in: the answer is the
 * receipt. After a reconnection the changes made offline go out in this browser's answer
 * to the server's own step 1, so no receipt is asked for before that step 1 has come.
 */
export class SaveTracker {
  /** Changes made or restored on this device. */
  private made = 0;
  /** How many of them the server is known to have. */
  private confirmed = 0;
  /** For each step 1 on this socket not yet answered, the count its answer confirms. */
  private asked: number[] = [];
  private heardServerStep1 = false;
  /** When the oldest change not yet confirmed was made (performance.now()), or null. */
  private unconfirmedSince: number | null = null;
  private timer: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly detach: () => void;

  constructor(private readonly provider: WebsocketProvider) {
    const doc = provider.doc;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // What came from the server (or from another tab through it) is not this device's to send.
      if (origin === provider) return;
      if (!this.pending) this.unconfirmedSince = performance.now();
      this.made += 1;
      this.changed();
      this.askSoon(ASK_AFTER_MS);
    };
    const onStatus = ({ status }: { status: string }) => {
      window.clearTimeout(this.timer);
      this.timer = undefined;
      this.heardServerStep1 = false;
      // The provider sends its own step 1 as the socket opens (just after this event).
      this.asked = status === 'connected' ? [PROVIDER_OWN_STEP1] : [];
    };
    const original = provider.messageHandlers[MESSAGE.sync]!;
    provider.messageHandlers[MESSAGE.sync] = (encoder, decoder, p, fromSocket, messageType) => {
      const kind = decoding.peekVarUint(decoder);
      original(encoder, decoder, p, fromSocket, messageType);
      // Messages from another tab (BroadcastChannel) say nothing about the server.
      if (!fromSocket) return;
      if (kind === syncProtocol.messageYjsSyncStep1) {
        this.heardServerStep1 = true;
      } else if (kind === syncProtocol.messageYjsSyncStep2) {
        const receipt = this.asked.shift();
        if (receipt !== undefined && receipt > this.confirmed) {
          this.confirmed = receipt;
          // Changes made after the question was sent are still waiting, counted from now.
          this.unconfirmedSince = this.pending ? performance.now() : null;
          this.changed();
        }
      }
      // Never at once: the provider sends its answer to this message after we return.
      this.askSoon(ASK_AFTER_MS);
    };
    doc.on('update', onUpdate);
    provider.on('status', onStatus);
    this.detach = () => {
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.messageHandlers[MESSAGE.sync] = original;
    };
  }

  /** True while some change made on this device has not been confirmed by the server. */
  get pending(): boolean {
    return this.confirmed < this.made;
  }

  /** How long some change has been waiting for the server, in milliseconds (0 if none). */
  get waitingFor(): number {
    return this.unconfirmedSince === null ? 0 : performance.now() - this.unconfirmedSince;
  }

  /** True once this device has had anything of its own to send in this visit. */
  get hasChanges(): boolean {
    return this.made > 0;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    window.clearTimeout(this.timer);
    this.detach();
    this.listeners.clear();
  }

  private askSoon(delay: number): void {
    if (this.timer !== undefined || !this.shouldAsk()) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      if (!this.shouldAsk()) return;
      const ws = this.provider.ws;
      if (!ws) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeSyncStep1(encoder, this.provider.doc);
      ws.send(encoding.toUint8Array(encoder));
      this.asked.push(this.made);
    }, delay);
  }

  /** One question at a time, on an open socket whose first exchange has happened. */
  private shouldAsk(): boolean {
    const ws = this.provider.ws;
    return (
      this.pending &&
      this.asked.length === 0 &&
      this.heardServerStep1 &&
      this.provider.wsconnected &&
      ws !== null &&
      ws.readyState === ws.OPEN
    );
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
