import { BOARD_TITLES, type BoardId } from '../model/schema.js';
import { OPEN_BOARDS, PHASE_LABELS, type Phase } from '../session/phases.js';
import type { Role } from '../roles.js';

/**
 * Who may change what, in which phase: the one table. The interface reads it to show
 * only the controls a person can use; the server reads it to decide every change before
 * applying it (live edits to the board, and every request). A rule answers null (allowed)
 * or the reason it is not, in words to show next to where the person was working.
 */
export type Action =
  | { kind: 'card.add'; board: BoardId }
  | { kind: 'card.edit'; agreed: boolean }
  | { kind: 'card.remove'; agreed: boolean }
  | { kind: 'card.move'; agreed: boolean; to: BoardId }
  /** Mark a card agreed, reopen it, or change who agreed it and when. */
  | { kind: 'card.agree' }
  /** Title, dates, focus, themes, core team. */
  | { kind: 'setup.edit' }
  /** Focus groups and other activities: what they were, when, with how many people. */
  | { kind: 'fieldwork.edit' }
  /** Notes in a focus group's recording sheet: the core team takes them. */
  | { kind: 'fieldwork.notes' }
  /** The register of offers of collaboration. */
  | { kind: 'offers.edit' }
  | { kind: 'version.save' }
  | { kind: 'version.restore' }
  /** Phase, timer, follow me, silent rounds, votes (open, close, reveal). */
  | { kind: 'session.run'; what: 'phase' | 'timer' | 'follow' | 'round' | 'vote' }
  /** Write cards in a silent round, or put dots on cards in a vote. */
  | { kind: 'session.take-part' }
  /** Make, show or revoke the workshop's links and personal links. */
  | { kind: 'links.manage' }
  /** Publish the agreed report at its public address, publish its latest version, or withdraw it. */
  | { kind: 'report.publish' }
  /** Add to an agreed action's progress log (the follow-up a year on). */
  | { kind: 'followup.log' }
  /** Set or clear the date the follow-up review is due. */
  | { kind: 'followup.review-date' }
  /** Open or close the participants' survey, and show its short link. */
  | { kind: 'survey.run' }
  /** Answer the participants' survey through a workshop link (the survey's own short link grants only this). */
  | { kind: 'survey.answer' }
  /** See the survey's results (counts only, once five have answered), export them, add them to the report. */
  | { kind: 'survey.results' }
  /** Join the workshop to a programme with the coordinator's code, or take it out again. */
  | { kind: 'programme.join' };

export type ActionKind = Action['kind'];

type Rule<K extends ActionKind> = (role: Role, phase: Phase, action: Extract<Action, { kind: K }>) => string | null;

const AGREED_PHASE = 'The board is agreed: only the host can change it now.';
const HOST_ONLY = 'Only the host can do this.';
const RUNS_SESSION = 'Only the facilitator or host can do this.';
const READ_ONLY = 'You are viewing this workshop read-only. Ask the host for a participant link.';

/** The roles below host: viewers change nothing; in the Agreed phase nobody but the host changes anything. */
function baseline(role: Role, phase: Phase): string | null {
  if (role === 'host') return null;
  if (role === 'viewer') return READ_ONLY;
  if (phase === 'agreed') return AGREED_PHASE;
  return null;
}

const boardsOpenIn = (phase: Phase) => OPEN_BOARDS[phase].map((b) => BOARD_TITLES[b]).join(' and ');

export const RULES: { [K in ActionKind]: Rule<K> } = {
  'card.add': (role, phase, { board }) => {
    const base = baseline(role, phase);
    if (base || role !== 'participant' || OPEN_BOARDS[phase].includes(board)) return base;
    return `During ${PHASE_LABELS[phase]}, new cards go on ${boardsOpenIn(phase)}. Only the facilitator or host can add to ${BOARD_TITLES[board]} now.`;
  },
  'card.edit': (role, phase, { agreed }) => {
    const base = baseline(role, phase);
    if (base || role !== 'participant' || !agreed) return base;
    return 'This card is agreed, so only the facilitator or host can change it. Ask them to reopen it.';
  },
  'card.remove': (role, phase, { agreed }) => {
    const base = baseline(role, phase);
    if (base || role !== 'participant' || !agreed) return base;
    return 'This card is agreed, so only the facilitator or host can delete it.';
  },
  'card.move': (role, phase, { agreed, to }) => {
    const base = baseline(role, phase);
    if (base || role !== 'participant') return base;
    if (agreed) return 'This card is agreed, so only the facilitator or host can move it.';
    if (!OPEN_BOARDS[phase].includes(to)) return `During ${PHASE_LABELS[phase]}, cards go on ${boardsOpenIn(phase)}. Only the facilitator or host can move a card to ${BOARD_TITLES[to]} now.`;
    return null;
  },
  'card.agree': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? 'Only the facilitator or host can mark a card agreed or reopen it.' : null),
  'setup.edit': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? 'Only the host or facilitator can change the workshop’s setup.' : null),
  'fieldwork.edit': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? 'Only the host or facilitator can change the fieldwork record.' : null),
  'fieldwork.notes': (role, phase) => baseline(role, phase),
  'offers.edit': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? 'Only the host or facilitator can change the offers of support.' : null),
  'version.save': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? RUNS_SESSION : null),
  'version.restore': (role, phase) => baseline(role, phase) ?? (role === 'participant' ? RUNS_SESSION : null),
  'session.run': (role, phase, { what }) => {
    if (role === 'host') return null;
    if (role !== 'facilitator') return 'Only the facilitator or host can run the session (phase, timer, follow, silent rounds and votes).';
    // In the Agreed phase the facilitator may still move the phase back, keep time and
    // bring people to a card; what would change the board (rounds, votes) is the host's.
    if (phase === 'agreed' && (what === 'round' || what === 'vote')) return AGREED_PHASE;
    return null;
  },
  'session.take-part': (role, phase) => (role === 'viewer' ? READ_ONLY : phase === 'agreed' ? AGREED_PHASE : null),
  'links.manage': (role) => (role === 'host' ? null : HOST_ONLY),
  // In any phase: publishing is the host authority's decision, and so is withdrawing.
  'report.publish': (role) => (role === 'host' ? null : 'Only the host can publish the report or withdraw it.'),
  // The follow-up comes after the report: the board stays as agreed, and the team logs
  // progress beside it, so the Agreed phase that closes the board opens the log.
  'followup.log': (role, phase) =>
    role === 'viewer' ? READ_ONLY : phase !== 'agreed' ? 'Progress is logged once the board is agreed. The facilitator or host moves the workshop to the Agreed phase first.' : null,
  'followup.review-date': (role) => (role === 'host' ? null : 'Only the host can set the review date.'),
  // Not tied to the phase: the survey may be run during the session or long after it.
  'survey.run': (role) => (role === 'host' || role === 'facilitator' ? null : 'Only the facilitator or host can open or close the survey.'),
  // Readers (elected members, partners) did not take part in the workshop, so they are not asked about it.
  'survey.answer': (role) => (role === 'viewer' ? 'The survey is for the people who took part in the workshop. If you took part, ask the host for the survey’s link.' : null),
  // Participants answer; the results are the host's and facilitator's to report (the report's appendix shares them).
  'survey.results': (role) => (role === 'host' || role === 'facilitator' ? null : 'Only the facilitator or host can see the survey’s results. They may share them in the report.'),
  // The host authority decides whether its workshop's figures go to a programme's coordinator, in any phase.
  'programme.join': (role) => (role === 'host' ? null : 'Only the host can join this workshop to a programme or take it out of one.'),
};

/** Null when `role` may do `action` in `phase`; otherwise why not. */
export function refusal(role: Role, phase: Phase, action: Action): string | null {
  return (RULES[action.kind] as Rule<typeof action.kind>)(role, phase, action as never);
}

/** Whether `role` may do `action` in `phase`: for showing controls. */
export function may(role: Role, phase: Phase, action: Action): boolean {
  return refusal(role, phase, action) === null;
}
