import type pg from 'pg';
import type { Logger } from 'pino';
import type { Phase } from '../../../shared/session/phases.js';
import { isPhase } from '../../../shared/session/phases.js';

/** How often the phases of workshops in use are read again: another server may have changed one. */
const REFRESH_MS = 2000;
/** A workshop nobody has asked about for this long is no longer refreshed (nor remembered). */
const KEEP_MS = 5 * 60 * 1000;

interface Known {
  phase: Phase;
  askedAt: number;
}

/**
 * The phase of each workshop in use, answered from memory because the change check reads
 * it synchronously for every change. Learnt whenever the workshop's row is read (every
 * connection and request reads it first), set by setPhase here, and read again every
 * 2 seconds for workshops asked about in the last minutes, and at once when told that
 * another server changed it (forget()). Another server's change is seen within that.
 */
export class PhaseMemory {
  private readonly known = new Map<string, Known>();
  /** Bumped by every change made here, per workshop: a read that began before one must not overwrite it. */
  private readonly generations = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  /**
   * The phase as last read. Never asked before the workshop's row has been read in
   * practice; if it is, the most restrictive phase stands in (only the host may change
   * anything) until the row arrives, a moment later.
   */
  phaseOf(id: string): Phase {
    const known = this.known.get(id);
    if (known) {
      known.askedAt = Date.now();
      return known.phase;
    }
    void this.read([id]);
    return 'agreed';
  }

  /** The generation to pass to learn() with what a read (started now) finds. */
  generation(id: string): number {
    return this.generations.get(id) ?? 0;
  }

  /**
   * What a read of the workshop's row found, unless a change made here since makes it
   * stale. `askedAt`: when it was last asked about (a background read keeps the old time).
   */
  learn(id: string, phase: string, generation: number, askedAt = Date.now()): void {
    if (generation !== this.generation(id) || !isPhase(phase)) return;
    this.known.set(id, { phase, askedAt });
  }

  /** A change made by this server (setPhase). */
  set(id: string, phase: Phase): void {
    this.generations.set(id, this.generation(id) + 1);
    this.known.set(id, { phase, askedAt: Date.now() });
  }

  /** Another server changed the workshop: read it again now. What is known stands until then. */
  reread(id: string): void {
    void this.read([id]);
  }

  /** The workshop is gone. */
  drop(id: string): void {
    this.known.delete(id);
    this.generations.set(id, this.generation(id) + 1);
  }

  /** Every workshop asked about lately, read again; one such read at a time, so a slow database does not pile them up. */
  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    const now = Date.now();
    for (const [id, known] of this.known) {
      if (now - known.askedAt <= KEEP_MS) continue;
      this.known.delete(id);
      this.generations.delete(id);
    }
    if (this.known.size === 0) return;
    this.refreshing = this.read([...this.known.keys()]);
    await this.refreshing;
    this.refreshing = null;
  }

  private async read(ids: string[]): Promise<void> {
    const generations = new Map(ids.map((id) => [id, this.generation(id)]));
    try {
      const { rows } = await this.pool.query<{ id: string; phase: string }>('SELECT id, phase FROM workshops WHERE id = ANY($1)', [ids]);
      const found = new Set<string>();
      for (const row of rows) {
        found.add(row.id);
        this.learn(row.id, row.phase, generations.get(row.id)!, this.known.get(row.id)?.askedAt);
      }
      // Erased, here or on another server.
      for (const id of ids) if (!found.has(id) && generations.get(id) === this.generation(id)) this.known.delete(id);
    } catch (err) {
      this.log.warn({ err }, 'Could not read workshop phases from PostgreSQL; the last known stand');
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
