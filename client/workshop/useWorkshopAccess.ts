import { useCallback, useEffect, useState } from 'react';
import type { WorkshopInfoResponse } from '../../shared/api.js';
import { forgetWorkshopInfo, recallWorkshopInfo, rememberWorkshopInfo } from '../lib/workshopInfoCache.js';
import { forgetLinkSecret, keepLinkSecret } from '../lib/workshopLink.js';
import { linkSecretFor, workshopInfo } from '../lib/workshopOpening.js';

export type Access =
  | { state: 'checking' }
  | { state: 'ready'; secret: string; info: WorkshopInfoResponse }
  | { state: 'refused'; heading: string; message: string }
  | { state: 'unreachable'; message: string };

const NO_LINK: Access = {
  state: 'refused',
  heading: 'This workshop needs its link',
  message:
    'Open the workshop from the link you were sent, including everything after the “#”. If you no longer have it, ask the host for a new link.',
};

/**
 * Who may open this workshop, and as what, from the secret in the link. The third value
 * swaps the secret for another (the personal link given to someone who came through the
 * shared participant link) and checks again.
 */
export function useWorkshopAccess(workshopId: string): [Access, () => void, (secret: string) => void] {
  // Read once: reading also takes the secret out of the address bar.
  const [secret, setSecret] = useState(() => linkSecretFor(workshopId));
  const [access, setAccess] = useState<Access>(secret ? { state: 'checking' } : NO_LINK);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!secret) return;
    let current = true;
    setAccess({ state: 'checking' });
    void workshopInfo(workshopId, secret).then((result) => {
      if (!current) return;
      if (result.ok) {
        rememberWorkshopInfo(workshopId, secret, result.data);
        setAccess({ state: 'ready', secret, info: result.data });
      } else if (result.status === 401) {
        forgetLinkSecret(workshopId);
        forgetWorkshopInfo(workshopId);
        setAccess({
          state: 'refused',
          heading: 'This link does not open the workshop',
          message: 'This link is not valid for this workshop. Ask the host for a new link.',
        });
      } else if (result.status === 404) {
        forgetLinkSecret(workshopId);
        forgetWorkshopInfo(workshopId);
        setAccess({ state: 'refused', heading: 'There is no workshop here', message: result.message });
      } else {
        // No answer at all (status 0), or a proxy's or a failing server's 5xx: open the
        // workshop from this device if it has been opened here with this link before.
        const known = result.status === 0 || result.status >= 500 ? recallWorkshopInfo(workshopId, secret) : null;
        setAccess(known ? { state: 'ready', secret, info: known } : { state: 'unreachable', message: result.message });
      }
    });
    return () => {
      current = false;
    };
  }, [workshopId, secret, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const switchSecret = useCallback(
    (next: string) => {
      keepLinkSecret(workshopId, next);
      setSecret(next);
    },
    [workshopId],
  );
  return [access, retry, switchSecret];
}
