import { BOARD_TITLES, type ChangeScope } from '../../shared/model/index.js';
import { OPEN_BOARDS, PHASE_LABELS, type Phase } from '../../shared/session/index.js';
import type { Role } from '../../shared/roles.js';

/**
 * What a role may change in the workshop document in a phase, as a refusal reason or
 * null. The host may change anything, always; viewers are refused before this.
 */
export function refusalFor(role: Role, phase: Phase, scope: ChangeScope): string | null {
  if (role === 'host') return null;
  if (phase === 'agreed') return 'The board is agreed: only the host can change it now.';
  if (role === 'facilitator') return null;
  if (scope.setup) return 'Only the host or facilitator can change the workshop’s setup.';
  for (const card of scope.cards.values()) {
    if (card.agreement) return 'Only the facilitator or host can mark a card agreed or reopen it.';
    if (card.agreed) return 'This card is agreed, so only the facilitator or host can change it. Ask them to reopen it.';
    if (card.added && card.board && !OPEN_BOARDS[phase].includes(card.board)) {
      const open = OPEN_BOARDS[phase].map((b) => BOARD_TITLES[b]).join(' and ');
      return `During ${PHASE_LABELS[phase]}, new cards go on ${open}. Only the facilitator or host can add to ${BOARD_TITLES[card.board]} now.`;
    }
  }
  return null;
}
