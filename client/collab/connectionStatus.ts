import * as authProtocol from 'y-protocols/auth';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE, MESSAGE, isFinalClose } from '../../shared/protocol.js';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting' }
  | { kind: 'offline' }
  | { kind: 'refused'; message: string }
  | { kind: 'not-kept'; message: string };

/** What a final close code means, in words a workshop member can act on. */
export function refusalMessage(code: number, reason: string): string {
  if (code === CLOSE.unauthorised.code) return 'This link is not valid for this workshop. Ask the host for a new link.';
  if (code === CLOSE.notFound.code) return 'No workshop exists at this address. Check the link you were given.';
  if (code === CLOSE.badRequest.code) return 'This address is not a workshop link. Check the link you were given.';
  return reason || 'The server refused to open this workshop. Ask the host for a new link.';
}

/**
 * The state of the live connection as one small store, fed by the provider's events
 * and the browser's online/offline events, for useSyncExternalStore.
 */
/** How long a refusal ("This card is agreed…") stays on screen. */
const DENIAL_SHOWN_MS = 10_000;

export class ConnectionStatusStore {
  private state: ConnectionState = { kind: 'connecting' };
  private everConnected = false;
  private synced = false;
  private socketOpen = false;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private refusal: string | null = null;
  private denial: string | null = null;
  private denialTimer: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly detach: () => void;

  constructor(provider: WebsocketProvider) {
    const onStatus = ({ status }: { status: string }) => {
      this.socketOpen = status === 'connected';
      if (!this.socketOpen) this.synced = false;
      this.update();
    };
    const onSync = (synced: boolean) => {
      this.synced = synced;
      if (synced) this.everConnected = true;
      this.update();
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      if (isFinalClose(code)) this.refusal = refusalMessage(code, reason);
      this.update();
    };
    const onOnline = () => {
      this.online = true;
      this.update();
    };
    const onOffline = () => {
      this.online = false;
      this.update();
    };
    // The server answers a change it will not keep (a viewer's, say) with a y-protocols
    // "permission denied" message; the stock provider only logs it, so show it instead.
    provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => {
        // Shown for a while, not for ever: the next change may well be allowed.
        this.denial = reason;
        window.clearTimeout(this.denialTimer);
        this.denialTimer = window.setTimeout(() => {
          this.denial = null;
          this.update();
        }, DENIAL_SHOWN_MS);
        this.update();
      });
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.detach = () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }

  get current(): ConnectionState {
    return this.state;
  }

  /** True once the workshop has arrived from the server at least once. */
  get loaded(): boolean {
    return this.everConnected;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionState => this.state;

  destroy(): void {
    window.clearTimeout(this.denialTimer);
    this.detach();
    this.listeners.clear();
  }

  private compute(): ConnectionState {
    if (this.refusal) return { kind: 'refused', message: this.refusal };
    if (this.denial) return { kind: 'not-kept', message: this.denial };
    if (!this.online) return { kind: 'offline' };
    if (this.socketOpen && this.synced) return { kind: 'connected' };
    return this.everConnected ? { kind: 'reconnecting' } : { kind: 'connecting' };
  }

  private update(): void {
    const next = this.compute();
    const same =
      next.kind === this.state.kind &&
      ('message' in next ? next.message : null) === ('message' in this.state ? this.state.message : null);
    if (same) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
