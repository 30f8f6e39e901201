import { prng } from '../prng.js';

/**
 * Seeded choices for the fuzzer. Every actor takes its own stream (`stream`), so one
 * actor's choices do not depend on how many another made: a seed replays each actor's
 * sequence of operations, whatever the timing of the network around them.
 */
export class Random {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = prng(seed);
  }

  /** An independent stream for one actor, named so that adding an actor does not shift the others. */
  stream(name: string): Random {
    let h = this.seed ^ 0x9e3779b9;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return new Random(h >>> 0);
  }

  float(): number {
    return this.next();
  }

  /** 0 ≤ n < max. */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** min ≤ n ≤ max. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick was given nothing to choose from.');
    return items[this.int(items.length)]!;
  }

  /** One of the table's keys, each as likely as its weight. */
  weighted<K extends string>(table: Readonly<Record<K, number>>): K {
    const entries = Object.entries(table) as [K, number][];
    let r = this.next() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [key, weight] of entries) if ((r -= weight) < 0) return key;
    return entries[entries.length - 1]![0];
  }

  /** Sizes spread over orders of magnitude: mostly small, sometimes near `max`. */
  size(min: number, max: number): number {
    return Math.min(max, Math.max(min, Math.floor(min * Math.pow(max / Math.max(1, min), this.next()))));
  }

  /** A key a browser would make for itself (client/session/personKey.ts accepts 16-100 of these). */
  personKey(): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    let key = '';
    for (let i = 0; i < 24; i++) key += abc[this.int(abc.length)];
    return key;
  }

  /** A Yjs client id, as Yjs makes them (a random 32-bit number). */
  clientId(): number {
    return Math.floor(this.next() * 0xffffffff) >>> 0;
  }
}
