import type { Phase } from '../../../shared/session/phases.js';
import type { Random } from './random.js';

/** How often each phase is chosen: the Agreed phase (everything read-only but for the host) now and then. */
const PHASE_WEIGHTS: Record<Phase, number> = { preparing: 3, part1: 3, part2: 3, agreed: 1 };

export function somePhase(r: Random): Phase {
  return r.weighted(PHASE_WEIGHTS);
}

/** Moves a workshop's phase as the facilitator does, through the session API; answers the HTTP status. */
export async function setPhase(url: string, workshopId: string, facilitatorToken: string, phase: Phase): Promise<number> {
  const res = await fetch(`${url}/api/workshops/${workshopId}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
    body: JSON.stringify({ action: 'phase', phase }),
  });
  await res.arrayBuffer();
  return res.status;
}
