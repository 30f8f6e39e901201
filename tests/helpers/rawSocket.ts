import net from 'node:net';
import crypto from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../shared/protocol.js';

/** A bare WebSocket for sending hand-made (or broken) protocol messages. */
export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

export function openRaw(wsUrl: string, id: string, token?: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
  const messages: Uint8Array[] = [];
  ws.on('message', (d) => messages.push(new Uint8Array(d as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('error', reject);
  });
}

export function syncMessage(kind: 'step2' | 'update', update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  if (kind === 'step2') syncProtocol.writeSyncStep2(e, docFromUpdate(update));
  else syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

function docFromUpdate(update: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}

/** The auth (permission denied) messages a socket has received. */
export function deniedReasons(raw: RawSocket): string[] {
  return raw.messages.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== MESSAGE.auth) return [];
    decoding.readVarUint(d); // permission type
    return [decoding.readVarString(d)];
  });
}

/** A WebSocket upgrade over bare TCP whose client never answers anything, nor closes. */
export interface SilentUpgrade {
  /** The server's answer: its status line, and the close code of its first frame if that is a close. */
  answered: Promise<{ status: number; closeCode: number | null }>;
  /** The server has ended the TCP connection (sent its FIN, or reset it). */
  ended: Promise<void>;
  isEnded(): boolean;
  destroy(): void;
}

/**
 * Asks for a WebSocket upgrade at `path` (e.g. "/collab/<id>?token=…") and then does
 * nothing: it reads what the server sends, but never sends a close frame back and never
 * closes its end of the TCP connection, even after the server has closed its own, as a
 * careless or hostile client would. Only the server can end it.
 */
export function openSilentUpgrade(url: string, path: string, headers: Record<string, string> = {}): SilentUpgrade {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port), allowHalfOpen: true });
  socket.on('error', () => undefined);
  let ended = false;
  const endedPromise = new Promise<void>((resolve) => {
    const end = () => {
      ended = true;
      resolve();
    };
    socket.once('end', end);
    socket.once('close', end);
  });
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join('\r\n'),
  );
  const answered = new Promise<{ status: number; closeCode: number | null }>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const status = Number(received.subarray(0, end).toString('latin1').match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      const frame = received.subarray(end + 4);
      if (status === 101 && frame.length < 4) return; // the close frame is still on its way
      socket.off('data', onData);
      // A close frame from the server: opcode 8, unmasked, its first two bytes the code.
      const closeCode = status === 101 && (frame[0]! & 0x0f) === 0x8 ? frame.readUInt16BE(2) : null;
      resolve({ status, closeCode });
    };
    socket.on('data', onData);
    socket.once('end', () => reject(new Error(`the server ended the connection before answering: ${received.toString('latin1').slice(0, 200)}`)));
  });
  // Keep reading (and so never apply back-pressure): a silent client is not a stuck one.
  socket.on('data', () => undefined);
  answered.catch(() => undefined);
  return { answered, ended: endedPromise, isEnded: () => ended, destroy: () => socket.destroy() };
}
