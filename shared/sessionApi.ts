import * as z from 'zod';
import { BOARD_IDS } from './model/schema.js';
import { MAX_ROUND_DRAFTS, PHASES } from './session/phases.js';

const board = z.enum(BOARD_IDS, { error: `board must be one of ${BOARD_IDS.join(', ')}.` });
const minutes = z.number({ error: 'minutes must be a number.' }).min(0.25, 'A timer runs for at least 15 seconds.').max(180, 'A timer runs for at most 3 hours.');

/** What a facilitator (or host) can ask of the session: POST /api/workshops/:id/session. */
export const sessionActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('phase'), phase: z.enum(PHASES, { error: `phase must be one of ${PHASES.join(', ')}.` }) }),
    z.discriminatedUnion('op', [
      z.strictObject({ action: z.literal('timer'), op: z.enum(['start', 'extend']), minutes }),
      z.strictObject({ action: z.literal('timer'), op: z.enum(['pause', 'resume', 'clear']) }),
    ], { error: 'op must be start, extend, pause, resume or clear.' }),
    z.strictObject({
      action: z.literal('follow'),
      target: z
        .discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('board'), id: board }),
          z.strictObject({ kind: z.literal('theme'), id: z.string().min(1).max(64) }),
          z.strictObject({ kind: z.literal('card'), id: z.string().min(1).max(64) }),
        ])
        .nullable(),
      by: z.string().trim().max(60).default(''),
    }),
    z.discriminatedUnion('op', [
      z.strictObject({ action: z.literal('round'), op: z.literal('open'), board, showNames: z.boolean() }),
      z.strictObject({ action: z.literal('round'), op: z.enum(['reveal', 'cancel']) }),
    ], { error: 'op must be open, reveal or cancel.' }),
    z.discriminatedUnion('op', [
    z.strictObject({
      action: z.literal('vote'),
      op: z.literal('open'),
      board,
      dots: z.number().int().min(1, 'Give each person at least 1 dot.').max(20, 'Give each person at most 20 dots.'),
      maxPerCard: z.number().int().min(1).max(20).nullable(),
      showLive: z.boolean(),
    }),
    z.strictObject({ action: z.literal('vote'), op: z.enum(['close', 'clear']) }),
    ], { error: 'op must be open, close or clear.' }),
  ],
  { error: 'Send an action: phase, timer, follow, round or vote.' },
);
export type SessionAction = z.infer<typeof sessionActionSchema>;

/**
 * Dots and silent-round cards belong to whoever the link names: a person, for a personal
 * link (the server's record, not anything the browser says), or the role's own link.
 */
export const voteChangeSchema = z.strictObject({
  card: z.string().min(1).max(64),
  change: z.union([z.literal(1), z.literal(-1)], { error: 'change must be 1 (add a dot) or -1 (take one off).' }),
});

export { MAX_ROUND_DRAFTS };
export const roundDraftsSchema = z.strictObject({
  drafts: z
    .array(z.strictObject({ id: z.string().min(1).max(64), text: z.string().max(2000, 'Keep each card under 2,000 characters.') }))
    .max(MAX_ROUND_DRAFTS, `At most ${MAX_ROUND_DRAFTS} cards in one round.`),
});

export interface MyVote {
  mine: Record<string, number>;
  left: number;
}
