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
