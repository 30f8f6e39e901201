import type { BoardId } from '../model/schema.js';

/** The Blue Sky Thinking – Towards Action session, in order. */
export const PHASES = ['preparing', 'part1', 'part2', 'agreed'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  preparing: 'Preparing',
  part1: 'Part 1: What is working well and areas for development',
  part2: 'Part 2: Towards action',
  agreed: 'Agreed',
};

/** What each phase asks of the people in it, shown under the phase in the header. */
export const PHASE_ASKS: Record<Phase, string> = {
  preparing: 'Draft findings from the fieldwork on any board.',
  part1: 'Each theme group feeds back what is working well and the areas for development.',
  part2: 'How can this translate into action, and who can help? Add actions and offers of support.',
  agreed: 'The board is agreed and read-only. The host can still make corrections.',
};

/** Which boards accept new cards in each phase (the host may always add). */
export const OPEN_BOARDS: Record<Phase, readonly BoardId[]> = {
  preparing: ['working-well', 'development', 'action'],
  part1: ['working-well', 'development'],
  part2: ['action'],
  agreed: [],
};

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/** The most cards one person may hold back in a silent-writing round. */
export const MAX_ROUND_DRAFTS = 30;
