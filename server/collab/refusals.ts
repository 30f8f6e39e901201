import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { CLOSE } from '../../shared/protocol.js';
import { metrics, REFUSAL_REASONS, type RefusalReason } from '../metrics.js';

/**
 * Refused WebSocket upgrades, kept cheap: a client that ignores the close frame is cut
 * off after CLOSE_GRACE_MS instead of holding a socket for ws's 30 s, each refusal is
 * counted in /metrics, and the log gets one summary line per SUMMARY_INTERVAL_MS
 * rather than one line per socket (a script can open thousands).
 */

/** How long a refused client has to complete the close before its socket is cut. */
export const CLOSE_GRACE_MS = 1000;
/** Refusals are logged as one line per interval, however many there were. */
export const SUMMARY_INTERVAL_MS = 10_000;

const REASON_FOR_CODE = new Map<number, RefusalReason>([
  [CLOSE.badRequest.code, 'bad_address'],
  [CLOSE.unauthorised.code, 'bad_link'],
  [CLOSE.badOrigin.code, 'bad_origin'],
  [CLOSE.notFound.code, 'no_workshop'],
]);

const IN_WORDS: Record<RefusalReason, string> = {
  bad_address: 'not a workshop address',
  bad_link: 'no link or a link not valid',
  bad_origin: 'page from another site',
  no_workshop: 'no such workshop',
  wrong_path: 'not a live address',
};

/** Refusals since the last summary line, per logger (so per server). */
const pending = new WeakMap<Logger, Map<RefusalReason, number>>();

function summarise(log: Logger, reason: RefusalReason): void {
  let counts = pending.get(log);
  if (!counts) {
    const started = new Map<RefusalReason, number>();
    counts = started;
    pending.set(log, started);
    const timer = setTimeout(() => {
      pending.delete(log);
      const refused = Object.fromEntries(REFUSAL_REASONS.filter((r) => started.has(r)).map((r) => [r, started.get(r)!]));
      const total = Object.values(refused).reduce((a, b) => a + b, 0);
      const parts = Object.entries(refused).map(([r, n]) => `${IN_WORDS[r as RefusalReason]}: ${n}`);
      log.info({ refused, total }, `Refused ${total} connection${total === 1 ? '' : 's'} in ${SUMMARY_INTERVAL_MS / 1000} s (${parts.join(', ')})`);
    }, SUMMARY_INTERVAL_MS);
    // A pending summary never keeps a stopping server alive.
    timer.unref();
  }
  counts.set(reason, (counts.get(reason) ?? 0) + 1);
}

/** Counted until the socket's TCP connection is closed, and cut off if that takes too long. */
function track(socket: Duplex, reason: RefusalReason, log: Logger): void {
  metrics.recordRefusal(reason);
  summarise(log, reason);
  if (socket.closed) {
    metrics.refusedSocketClosed();
    return;
  }
  const cut = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  cut.unref();
  socket.once('close', () => {
    clearTimeout(cut);
    metrics.refusedSocketClosed();
  });
}

/**
 * Completes the handshake and closes with `close`'s code (4400-4499), so y-websocket
 * stops retrying; a client that has not finished the close within CLOSE_GRACE_MS is cut
 * off. Nothing is read from the socket.
 */
export function refuseUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  close: { code: number; reason: string },
  deps: { wss: WebSocketServer; log: Logger },
): void {
  track(socket, REASON_FOR_CODE.get(close.code) ?? 'bad_address', deps.log);
  deps.wss.handleUpgrade(req, socket, head, (ws) => ws.close(close.code, close.reason));
}

/** An upgrade to an address that is not a live one: 404, and the socket is closed, not half-closed. */
export function refuseOtherPath(socket: Duplex, log: Logger): void {
  track(socket, 'wrong_path', log);
  // The server keeps a half-closed socket open for as long as the client does: close it
  // once the answer is written.
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n', () => socket.destroy());
}
