import { useCallback, useEffect, useState } from 'react';
import type { FollowupResponse } from '../../shared/followup/followup.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { fetchFollowup } from './followupRequests.js';

export type FollowupState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: FollowupResponse };

/** The follow-up as the server holds it; `reload` after a change (the log lives on the server, not in the live document). */
export function useFollowup(): [FollowupState, () => void] {
  const { id, secret } = useWorkshop();
  const [state, setState] = useState<FollowupState>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void fetchFollowup(id, secret).then((r) => {
      if (!live) return;
      setState(r.ok ? { state: 'ready', data: r.data } : { state: 'failed', message: r.message });
    });
    return () => {
      live = false;
    };
  }, [id, secret, round]);
  return [state, useCallback(() => setRound((n) => n + 1), [])];
}
