import * as authProtocol from 'y-protocols/auth';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE, MESSAGE, isFinalClose, readRefusal, type RefusalNotice } from '../../shared/protocol.js';
import { SaveTracker } from './saveTracker.js';

/**
 * `connected.changes` says whether this device has anything of its own on the board in
 * this visit ('none'), and if so whether the server has all of it ('saved') or not yet
 * ('sending'). `offline` covers both a browser with no network and a server that cannot
 * be reached: either way changes are kept on this device until the connection is back.
 */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected'; changes: 'none' | 'sending' | 'saved' }
  | { kind: 'offline' }
  | { kind: 'refused'; message: string }
  | { kind: 'not-kept'; message: string };

/** What a final close code means, in words a workshop member can act on. */
export function refusalMessage(code: number, reason: string): string {
  if (code === CLOSE.unauthorised.code) return 'This link is not valid for this workshop. Ask the host for a new link.';
  if (code === CLOSE.notFound.code) return 'No workshop exists at this address. Check the link you were given.';
  if (code === CLOSE.badRequest.code) return 'This address is not a workshop link. Check the link you were given.';
  if (code === CLOSE.damaged.code) return CLOSE.damaged.reason;
  return reason || 'The server refused to open this workshop. Ask the host for a new link.';
}

/** How long a refusal ("This card is agreed…") stays on screen. */
const DENIAL_SHOWN_MS = 10_000;

/**
 * While changes reach the server as they are typed, "All changes saved" stays on screen
 * rather than flickering (and being announced) at every pause; "Saving your changes…"
 * shows once a change has waited this long for the server's receipt.
 */
const SAVING_SHOWN_AFTER_MS = 1_000;

/** How long the first attempt may say "Connecting…" before it counts as offline. */
const FIRST_ATTEMPT_MS = 5_000;

/**
 * The state of the live connection as one small store, fed by the provider's events,
 * the browser's online/offline events and the receipts for this device's changes, for
 * useSyncExternalStore.
 */
export class ConnectionStatusStore {
  private state: ConnectionState = { kind: 'connecting' };
  private everConnected = false;
  /** The first attempt to connect has failed, or taken too long, or a connection was lost. */
  private attemptOver = false;
  private storedCopy = false;
  private wasLoaded = false;
  private firstAttemptTimer: number | undefined;
  private savingTimer: number | undefined;
  private readonly saves: SaveTracker;
  private synced = false;
  private socketOpen = false;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private refusal: string | null = null;
  private denial: string | null = null;
  private denialTimer: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly detach: () => void;

  /** The close code of a final refusal (4400-4499), for pages that act on it (a damaged workshop). */
  refusedWith: number | null = null;

  /**
   * `onRefused` hears every notice the server sends about a change it kept out (the
   * message, the card, the deletions not kept), so the page can show it beside the card
   * and return this device to the server's copy.
   */
  constructor(provider: WebsocketProvider, onRefused?: (notice: RefusalNotice, fromCairn: boolean) => void) {
    this.saves = new SaveTracker(provider);
    const stopSaves = this.saves.subscribe(() => this.update());
    const onStatus = ({ status }: { status: string }) => {
      this.socketOpen = status === 'connected';
      if (!this.socketOpen) this.synced = false;
      if (status === 'disconnected') this.attemptOver = true;
      this.update();
    };
    const onAttemptFailed = () => {
      this.attemptOver = true;
      this.update();
    };
    this.firstAttemptTimer = window.setTimeout(onAttemptFailed, FIRST_ATTEMPT_MS);
    const onSync = (synced: boolean) => {
      this.synced = synced;
      if (synced) this.everConnected = true;
      this.update();
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      if (isFinalClose(code)) {
        this.refusal = refusalMessage(code, reason);
        this.refusedWith = code;
      }
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
        const notice = readRefusal(reason);
        onRefused?.(notice, notice.message !== reason);
        // Shown for a while, not for ever: the next change may well be allowed.
        this.denial = notice.message;
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
    provider.on('connection-close', onAttemptFailed);
    provider.on('connection-error', onAttemptFailed);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.detach = () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onAttemptFailed);
      provider.off('connection-error', onAttemptFailed);
      stopSaves();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }

  get current(): ConnectionState {
    return this.state;
  }

  /**
   * True once the workshop has arrived, from the server or from the copy kept on this
   * device (IndexedDB), so that it opens without the server.
   */
  get loaded(): boolean {
    return this.everConnected || this.storedCopy;
  }

  /** The copy of the workshop kept on this device has been read into the document. */
  storedCopyLoaded(): void {
    this.storedCopy = true;
    this.update();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionState => this.state;

  destroy(): void {
    window.clearTimeout(this.denialTimer);
    window.clearTimeout(this.firstAttemptTimer);
    window.clearTimeout(this.savingTimer);
    this.detach();
    this.saves.destroy();
    this.listeners.clear();
  }

  private compute(): ConnectionState {
    if (this.refusal) return { kind: 'refused', message: this.refusal };
    if (this.denial) return { kind: 'not-kept', message: this.denial };
    if (!this.online) return { kind: 'offline' };
    if (this.socketOpen && this.synced) return { kind: 'connected', changes: this.changes() };
    // An open socket whose first exchange is under way, or a first attempt still having
    // its chance, is "Connecting…"; otherwise offline (the provider keeps trying, backing
    // off to at most a few seconds between attempts).
    if (this.socketOpen) return { kind: 'connecting' };
    return this.everConnected || this.attemptOver ? { kind: 'offline' } : { kind: 'connecting' };
  }

  private changes(): 'none' | 'sending' | 'saved' {
    if (!this.saves.hasChanges) return 'none';
    if (!this.saves.pending) return 'saved';
    const wasSaved = this.state.kind === 'connected' && this.state.changes === 'saved';
    const waited = this.saves.waitingFor;
    if (wasSaved && waited < SAVING_SHOWN_AFTER_MS) {
      // Look again when the change has waited long enough to be worth saying so.
      window.clearTimeout(this.savingTimer);
      this.savingTimer = window.setTimeout(() => this.update(), SAVING_SHOWN_AFTER_MS - waited + 10);
      return 'saved';
    }
    return 'sending';
  }

  private update(): void {
    const next = this.compute();
    const loaded = this.loaded;
    const same = JSON.stringify(next) === JSON.stringify(this.state) && loaded === this.wasLoaded;
    if (same) return;
    this.state = next;
    this.wasLoaded = loaded;
    for (const listener of this.listeners) listener();
  }
}
