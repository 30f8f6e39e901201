import type * as Y from 'yjs';
import { readBoards } from '../../../shared/model/index.js';
import type { Phase } from '../../../shared/session/phases.js';
import { may } from '../../../shared/rules/rules.js';
import type { Role } from '../../../shared/roles.js';
import type { Random } from './random.js';
import type { Context } from './honestPlans.js';
import { CARD_OPERATIONS } from './honestCards.js';
import { SETUP_OPERATIONS } from './honestSetup.js';

/** Honest operations: what people do in a workshop, through the shared mutations, as the interface would call them. */
const OPS = { ...CARD_OPERATIONS, ...SETUP_OPERATIONS };
const WEIGHTS = Object.fromEntries(Object.entries(OPS).map(([name, op]) => [name, op.weight]));
const SAFE_WEIGHTS = Object.fromEntries(Object.entries(OPS).filter(([, op]) => op.safe).map(([name, op]) => [name, op.weight]));

export interface Honesty {
  role: Role;
  phase: Phase;
  name: string;
  /**
   * Only operations no limit can refuse (moves, agreement, themes, setup values): for
   * the host who watches the whole run, whose copy must stay the server's.
   */
  safeOnly?: boolean;
}

/**
 * One honest operation on `doc`, chosen by `r`; returns its name, or null if none
 * applied. Mostly what the interface offers this role in this phase; sometimes what
 * it offered a moment ago (the phase changed under the person), which the server refuses.
 */
export function honestOperation(doc: Y.Doc, r: Random, who: Honesty): string | null {
  const boards = readBoards(doc);
  const c: Context = { doc, r, phase: who.phase, name: who.name, cards: [...boards['working-well'], ...boards.development, ...boards.action] };
  const stale = !who.safeOnly && r.chance(0.1);
  for (let tries = 0; tries < 6; tries++) {
    const name = r.weighted(who.safeOnly ? SAFE_WEIGHTS : WEIGHTS);
    const plan = OPS[name]!.plan(c);
    if (!plan || (!stale && !may(who.role, who.phase, plan.action))) continue;
    try {
      plan.run();
    } catch (err) {
      // The mutations refuse some values with a plain message (a seventh theme): the interface would show it.
      if (err instanceof Error && !/^[A-Z]/.test(err.message)) throw err;
      continue;
    }
    return name;
  }
  return null;
}
