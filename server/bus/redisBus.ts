import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Bus } from './bus.js';

/** Bytes of the sender's id at the start of every message. */
const ID_BYTES = 8;

/**
 * The bus on Redis pub/sub. Pub/sub rather than streams: what crosses is live (typing,
 * presence) and worthless seconds later, and nothing depends on the bus keeping it —
 * every change is already in PostgreSQL before it is acknowledged as saved, and servers
 * that missed a message catch up from each other or from the store (see relay.ts).
 * Streams would keep every keystroke in Redis too, for no one to read. Publishing needs
 * one connection; subscribing takes a connection of its own.
 */
export class RedisBus implements Bus {
  readonly serverId = crypto.randomBytes(ID_BYTES).toString('hex');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (message: Uint8Array, from: string) => void>();
  private readonly reconnectHandlers: (() => void)[] = [];
  private readonly idBytes = Buffer.from(this.serverId, 'hex');
  private everReady = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    const options = { lazyConnect: false, maxRetriesPerRequest: null, enableAutoPipelining: true } as const;
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const [name, conn] of [['publish', this.pub], ['subscribe', this.sub]] as const) {
      conn.on('error', (err) => this.log.warn({ err: err.message, connection: name }, 'The connection to Redis failed; retrying'));
    }
    this.sub.on('ready', () => {
      if (this.everReady) for (const h of this.reconnectHandlers) h();
      this.everReady = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (message.length < ID_BYTES) return;
      const from = message.subarray(0, ID_BYTES);
      if (from.equals(this.idBytes)) return;
      const handler = this.handlers.get(channel.toString().slice(this.prefix.length));
      handler?.(new Uint8Array(message.buffer, message.byteOffset + ID_BYTES, message.length - ID_BYTES), from.toString('hex'));
    });
  }

  /** Resolves once both connections are up (for start-up, so a bad REDIS_URL fails early and clearly). */
  async ready(): Promise<void> {
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  publish(channel: string, message: Uint8Array): void {
    const framed = Buffer.concat([this.idBytes, message]);
    this.pub.publish(this.prefix + channel, framed).catch((err: Error) => this.log.warn({ err: err.message }, 'Could not publish to the bus; servers will catch up'));
  }

  subscribe(channel: string, handler: (message: Uint8Array, from: string) => void): void {
    const first = !this.handlers.has(channel);
    this.handlers.set(channel, handler);
    if (first) this.sub.subscribe(this.prefix + channel).catch((err: Error) => this.log.warn({ err: err.message }, 'Could not subscribe on the bus'));
  }

  unsubscribe(channel: string): void {
    if (!this.handlers.delete(channel)) return;
    this.sub.unsubscribe(this.prefix + channel).catch(() => undefined);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
