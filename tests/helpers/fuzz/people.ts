import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MESSAGE, readRefusal } from '../../../shared/protocol.js';
import type { Role } from '../../../shared/roles.js';
import { hear } from './wire.js';

/**
 * A person in a workshop, as a browser is: a stock y-websocket provider with the
 * browser's own key (`?person=`), so the Yjs client ids it writes under are its own.
 * Refusals the server sends are counted here instead of printed.
 */
export interface Person {
  role: Role;
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What the server kept out of this person's changes, in its words. */
  refusals: string[];
  /** Close codes of every connection this person lost. */
  closes: number[];
  /** Operations this person made while connected: each one message to the server. */
  sent: number;
  leave(): void;
}

export function join(wsUrl: string, workshopId: string, token: string, role: Role, name: string, personKey: string): Person {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, workshopId, doc, {
    params: { token, person: personKey },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const person: Person = {
    role,
    name,
    doc,
    provider,
    refusals: [],
    closes: [],
    sent: 0,
    leave: () => {
      steady(person);
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    decoding.readVarUint(decoder); // permission denied
    person.refusals.push(readRefusal(decoding.readVarString(decoder)).message);
  };
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) person.closes.push(event.code);
  });
  // Every change made while connected is one message to the server (the provider sends each at once).
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && provider.wsconnected) person.sent++;
  });
  return person;
}

/**
 * Yjs gives a document a new client id when it sees its own id in someone else's change
 * (a forger's, which the server let through because the id was not claimed yet);
 * y-websocket 3.1's disconnect() then throws, looking up presence under the new id.
 * Give the new id the presence entry it looks for. Call before disconnecting.
 */
export function steady(person: Person): void {
  const { awareness } = person.provider;
  if (!awareness.meta.has(person.doc.clientID)) awareness.meta.set(person.doc.clientID, { clock: 0, lastUpdated: Date.now() });
}

export function whenSynced(person: Person, timeoutMs = 15_000): Promise<void> {
  if (person.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a ${person.role} (${person.name}) did not sync within ${timeoutMs / 1000} s`)), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      person.provider.off('sync', onSync);
      resolve();
    };
    person.provider.on('sync', onSync);
  });
}

/**
 * A bare WebSocket for crafted messages. It reads what the server says only for what an
 * attacker can use (its state vector, to know where its own clock stands) and to count
 * refusals; everything else it drops unread, so a long run does not pile messages up.
 */
export class AttackSocket {
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Refusals heard since the runner last took them. */
  refusals: string[] = [];
  /** The server's clock for each client, from its latest sync step 1 not yet taken. */
  private serverClocks: Map<number, number> | null = null;
  private open = true;

  private constructor(readonly ws: WebSocket) {
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      const heard = hear(new Uint8Array(data as Buffer));
      if (heard.kind === 'denied') this.refusals.push(readRefusal(heard.reason).message);
      else if (heard.kind === 'step1') this.serverClocks = heard.stateVector;
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      this.open = false;
      resolve({ code, reason: reason.toString() });
    }));
  }

  static connect(wsUrl: string, workshopId: string, token: string, personKey: string | null): Promise<AttackSocket> {
    const query = new URLSearchParams({ token, ...(personKey ? { person: personKey } : {}) });
    const ws = new WebSocket(`${wsUrl}/${workshopId}?${query}`, { maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new AttackSocket(ws)));
      ws.once('error', reject);
    });
  }

  /** The state vector of the server's latest sync step 1 (sent on joining, and when a change built on what it lacks), once. */
  takeServerClocks(): Map<number, number> | null {
    const clocks = this.serverClocks;
    this.serverClocks = null;
    return clocks;
  }

  get isOpen(): boolean {
    return this.open && this.ws.readyState === this.ws.OPEN;
  }

  /** Sends, unless the connection is closed (then false). */
  send(message: Uint8Array): boolean {
    if (!this.isOpen) return false;
    this.ws.send(message);
    return true;
  }

  /**
   * 'open' once the server has handled everything sent so far (it answered a ping sent
   * after them), or the close code. Fails if it does neither within `timeoutMs`: a
   * server that stops answering is the worst thing a fuzzer can find.
   */
  settle(timeoutMs: number): Promise<'open' | number> {
    if (!this.isOpen) return this.closed.then((c) => c.code);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server neither answered nor closed a connection within ${timeoutMs / 1000} s`)), timeoutMs);
      const done = (v: 'open' | number) => {
        clearTimeout(timer);
        resolve(v);
      };
      this.ws.once('pong', () => done('open'));
      void this.closed.then((c) => done(c.code));
      this.ws.ping();
    });
  }

  close(): Promise<unknown> {
    if (this.isOpen) this.ws.close();
    return this.closed;
  }

  /** Cut off at once (the server still sees the close). */
  terminate(): void {
    this.ws.terminate();
  }
}
