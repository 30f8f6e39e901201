import type { Locks } from './stores.js';

/**
 * Locks for one process (SQLite: the only writer is this process). Each name is a queue:
 * work under a held name waits its turn.
 */
export class MemoryLocks implements Locks {
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = before.then(() => mine);
    this.tails.set(name, tail);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    }
  }

  async tryLock<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    if (this.tails.has(name)) return null;
    return this.withLock(name, work);
  }
}
