import { useCallback } from 'react';
import { may, type Action } from '../../shared/rules/rules.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useSession } from './SessionContext.js';

/**
 * Whether this person may do something now: the same table the server decides by
 * (shared/rules), read with their role and the session's phase, so the interface only
 * offers what the server would accept.
 */
export function useMay(): (action: Action) => boolean {
  const { role } = useWorkshop();
  const { state } = useSession();
  return useCallback((action: Action) => may(role, state.phase, action), [role, state.phase]);
}
