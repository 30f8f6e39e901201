/**
 * The bench's clients: stock y-websocket providers (and Hocuspocus's own, for its
 * server), each counting what it receives and noting anything the server refused.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC, through process.hrtime),
 * which every process on the machine reads alike: a writer in one process types the time
 * and a reader in another (readerPool.ts) subtracts it. Each process's
 * performance.timeOrigin is its own reading of the wall clock at start, so two processes'
 * `timeOrigin + now()` need not agree.
 */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What a client connects to, as plain data, so a reader can be opened in another process (readerPool.ts). */
export type ClientSpec =
  | { protocol: 'y-websocket'; url: string; room: string; params: Record<string, string> }
  | { protocol: 'hocuspocus'; url: string; room: string };

export function openClient(spec: ClientSpec): BenchClient {
  return spec.protocol === 'y-websocket' ? yWebsocketClient(spec.url, spec.room, spec.params) : hocuspocusClient(spec.url, spec.room);
}

export interface BenchClient {
  doc: Y.Doc;
  synced(): Promise<void>;
  bytesIn(): number;
  /** How many messages have arrived. */
  messagesIn(): number;
  /**
   * When the largest message so far arrived (nowMs()): for a new client, the board. What
   * the server controls ends there; the rest of connect-to-synced is this process
   * applying the board.
   */
  largestMessageAt(): number;
  /** What the server refused of this client's changes (y-protocols' "permission denied"): a run with any is not comparable. */
  refusals(): string[];
  /**
   * From now on, note every message's arrival as [nowMs(), its first byte (y-websocket's
   * message type), its bytes] in `into` (DUMP_LATENCIES: what arrived when the slow edits did).
   */
  logArrivals(into: [number, number, number][]): void;
  disconnect(): void;
  connect(): void;
  destroy(): void;
}

/** Fails the scenario if the server refused any of the bench's changes: its figures would not compare. */
export function assertNoRefusals(clients: BenchClient[]): void {
  const refused = clients.flatMap((c) => c.refusals());
  if (refused.length > 0) throw new Error(`the server refused ${refused.length} of the bench's changes, so the figures would not compare; the first: ${refused[0]}`);
}

/** A ws WebSocket that counts the bytes it receives. */
interface Counter {
  n: number;
  messages: number;
  largest: number;
  largestAt: number;
  refusals: string[];
  arrivals: [number, number, number][] | null;
}

const newCounter = (): Counter => ({ n: 0, messages: 0, largest: 0, largestAt: NaN, refusals: [], arrivals: null });

/** y-protocols' auth message (type 2), "permission denied" (0), and its reason. */
function refusalIn(data: Buffer | ArrayBuffer): string | null {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (bytes[0] !== 2) return null;
  try {
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarUint(decoder);
    return decoding.readVarUint(decoder) === 0 ? decoding.readVarString(decoder) : null;
  } catch {
    return null;
  }
}

/** `refusals`: read y-websocket's messages for refusals (Hocuspocus frames its messages differently). */
function countingSocket(counter: Counter, refusals = false) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Listened to before the provider's own handler, which applies the message.
      this.on('message', (data: Buffer | ArrayBuffer) => {
        counter.n += data.byteLength;
        counter.messages++;
        if (counter.arrivals) counter.arrivals.push([nowMs(), (data instanceof ArrayBuffer ? new Uint8Array(data) : data)[0] ?? -1, data.byteLength]);
        if (data.byteLength > counter.largest) {
          counter.largest = data.byteLength;
          counter.largestAt = nowMs();
        }
        const refused = refusals ? refusalIn(data) : null;
        if (refused !== null) counter.refusals.push(refused);
      });
      // A socket closed while connecting (a provider giving up) must not end the run.
      this.on('error', () => undefined);
    }
  };
}

/** A stock y-websocket client that counts the bytes it receives. */
export function yWebsocketClient(url: string, room: string, params: Record<string, string>): BenchClient {
  const doc = new Y.Doc();
  const counter = newCounter();
  const provider = new WebsocketProvider(url, room, doc, {
    params,
    WebSocketPolyfill: countingSocket(counter, true) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve) => {
            const on = (s: boolean) => {
              if (!s) return;
              provider.off('sync', on);
              resolve();
            };
            provider.on('sync', on);
          }),
    bytesIn: () => counter.n,
    messagesIn: () => counter.messages,
    largestMessageAt: () => counter.largestAt,
    refusals: () => counter.refusals,
    logArrivals: (into) => {
      counter.arrivals = into;
    },
    disconnect: () => provider.disconnect(),
    connect: () => provider.connect(),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function hocuspocusClient(url: string, room: string): BenchClient {
  const doc = new Y.Doc();
  const counter = newCounter();
  let synced = false;
  const waiting: (() => void)[] = [];
  // Hocuspocus's own provider, managing its own socket (it attaches itself).
  const provider = new HocuspocusProvider({
    url,
    WebSocketPolyfill: countingSocket(counter),
    name: room,
    document: doc,
    onSynced: ({ state }) => {
      synced = state;
      if (state) waiting.splice(0).forEach((r) => r());
    },
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  const socket = provider.configuration.websocketProvider;
  return {
    doc,
    synced: () => (synced ? Promise.resolve() : new Promise((r) => waiting.push(r))),
    bytesIn: () => counter.n,
    messagesIn: () => counter.messages,
    largestMessageAt: () => counter.largestAt,
    refusals: () => counter.refusals,
    logArrivals: (into) => {
      counter.arrivals = into;
    },
    disconnect: () => {
      synced = false;
      socket.disconnect();
    },
    connect: () => void socket.connect(),
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
