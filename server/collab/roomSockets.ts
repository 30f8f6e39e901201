import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Connection } from './types.js';
import { binaryFrame } from './frames.js';

/** Beyond this much unsent data a connection is too slow to keep; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** How often every connection is pinged; one that has not answered since the last ping is dropped. */
const PING_INTERVAL_MS = 30_000;

/**
 * The people in one room, by socket: the relay stage's last step. A reader too slow to
 * keep up is closed rather than buffered without end, and one that stops answering pings
 * is dropped.
 */
export class RoomSockets {
  readonly connections = new Map<WebSocket, Connection>();
  /** One heartbeat for the room rather than a timer per connection: less memory per person. */
  private readonly heartbeat = setInterval(() => {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, PING_INTERVAL_MS);

  constructor(
    private readonly workshop: string,
    private readonly log: Logger,
  ) {}

  /**
   * One message to one person, through ws: it writes its header and the message apart,
   * so a whole workshop sent to someone joining is not copied first. No callback: a
   * failed write already errors and closes the socket in ws.
   */
  send(conn: Connection, message: Uint8Array): void {
    if (this.writable(conn)) conn.ws.send(message);
  }

  /** One message to everyone here but `except`, framed once (frames.ts). */
  broadcast(message: Uint8Array, except?: WebSocket): void {
    let frame: Buffer | null = null;
    for (const conn of this.connections.values()) {
      if (conn.ws === except || !this.writable(conn)) continue;
      frame ??= binaryFrame(message);
      // Straight to the socket ws was given: whole frames, so they interleave safely with
      // ws's own (pings, the close). No callback: a callback per send (45 closures a
      // keystroke) kept Node from batching the writes' completions into one tick.
      conn.socket.write(frame);
    }
  }

  /** Open, and not too far behind: a reader that cannot keep up is closed, and reconnects. */
  private writable(conn: Connection): boolean {
    const { ws } = conn;
    if (ws.readyState !== ws.OPEN) return false;
    // ws counts what waits in the socket, so this includes frames written directly.
    if (ws.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    this.log.warn({ workshop: this.workshop }, 'Closing a connection that cannot keep up; it will reconnect');
    ws.close(1013, 'Too far behind; reconnecting.');
    return false;
  }

  destroy(): void {
    clearInterval(this.heartbeat);
  }
}
