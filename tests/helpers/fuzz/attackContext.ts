import type * as Y from 'yjs';
import type { Phase } from '../../../shared/session/phases.js';
import type { Pen } from './forge.js';
import type { Random } from './random.js';

/** What an attack is made from. */
export interface AttackContext {
  r: Random;
  /** An honest copy of the workshop, read to find real places to aim at; never changed. */
  doc: Y.Doc;
  /** The attacker's own Yjs client id and the next clock it writes at. */
  pen: Pen;
  /** Client ids honest people write under: the ids a forger borrows. */
  others: number[];
  phase: Phase;
  maxMessageBytes: number;
  /**
   * 'full' goes up to the server's limits (messages of nearly MAX_MESSAGE_BYTES, trees
   * 100,000 deep, hundreds of thousands of delete ranges); 'light' keeps every message
   * small enough for a short run in the test suite.
   */
  scale: 'light' | 'full';
  /** The last message this attacker sent, to send again. */
  last: Uint8Array | null;
}

/** One attack: its kind (for the report) and the messages it sends, in order. */
export interface Attack {
  kind: string;
  messages: Uint8Array[];
}

/** The most a string, a tree, a list of ranges may reach at this scale. */
export function caps(c: AttackContext) {
  const full = c.scale === 'full';
  return {
    /** Characters in one string: up to nearly the whole message. */
    string: full ? c.maxMessageBytes - 4096 : 60_000,
    /** Levels of nesting built in one change (each level ~17 bytes). */
    depth: full ? Math.floor((c.maxMessageBytes - 4096) / 18) : 1_500,
    /** Delete ranges in one change (each ~4 bytes). */
    ranges: full ? Math.floor((c.maxMessageBytes - 4096) / 5) : 4_000,
    /** Items in one change. */
    items: full ? Math.floor((c.maxMessageBytes - 4096) / 7) : 21_000,
  };
}
