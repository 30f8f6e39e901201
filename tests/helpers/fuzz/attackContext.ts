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

/** What one message may hold at most (each kind of piece costs about the same to write and to read). */
function limits(c: AttackContext) {
  const room = c.maxMessageBytes - 4096;
  return {
    /** Characters in one string: up to nearly the whole message. */
    string: room,
    /** Levels of nesting built in one change (each level ~18 bytes). */
    depth: Math.floor(room / 18),
    /** Delete ranges in one change (each ~5 bytes). */
    ranges: Math.floor(room / 5),
    /** Items in one change (each ~7 bytes). */
    items: Math.floor(room / 7),
  };
}

/**
 * Sizes most messages keep to: big enough to cross every limit the server has (the
 * deepest nesting, the most pieces, the longest field), small enough that the server
 * handles hundreds of them a second.
 */
const EVERYDAY = { string: 60_000, depth: 500, ranges: 2_000, items: 21_000 };

/** How often, at full scale, a message goes to the very top: nearly MAX_MESSAGE_BYTES of one kind of piece. */
const TOP = 0.003;

/**
 * A size for one attack: spread over orders of magnitude from `min`, up to the everyday
 * size; at full scale, now and then close to all a message can hold.
 */
export function sizeOf(c: AttackContext, what: keyof typeof EVERYDAY, min: number): number {
  const most = limits(c)[what];
  if (c.scale === 'full' && c.r.chance(TOP)) return c.r.between(Math.floor(most / 2), most);
  return c.r.size(min, Math.min(most, EVERYDAY[what]));
}
