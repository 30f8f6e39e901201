import { useCallback, useEffect, useState } from 'react';
import type { CurrentLinksResponse, PersonBody, RotatedLinkResponse } from '../../shared/api.js';
import type { Role } from '../../shared/roles.js';
import { apiCall, withKey } from '../lib/api.js';

export type CurrentLinks =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; links: CurrentLinksResponse['links']; people: PersonBody[] };

/**
 * Every current link of the workshop and the core team's personal links, read from the
 * server each time the dialog opens (they are kept sealed with the host's own link, so
 * only the host's request opens them), and a new link for a role on request.
 */
export function useCurrentLinks(id: string, secret: string, open: boolean) {
  const [current, setCurrent] = useState<CurrentLinks>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const base = `/api/workshops/${encodeURIComponent(id)}`;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setCurrent({ state: 'loading' });
    setError(null);
    void Promise.all([apiCall<CurrentLinksResponse>(`${base}/links`, withKey(secret)), apiCall<{ people: PersonBody[] }>(`${base}/people`, withKey(secret))]).then(
      ([links, people]) => {
        if (!live) return;
        if (!links.ok) return setCurrent({ state: 'failed', message: links.message });
        // The people are a second list: without them the links still show.
        setCurrent({ state: 'ready', links: links.data.links, people: people.ok ? people.data.people : [] });
        if (!people.ok) setError(`The personal links could not be shown. ${people.message}`);
      },
    );
    return () => {
      live = false;
    };
  }, [base, secret, open]);

  /** A new link for one role; null (with the reason in `error`) if it was not made. */
  const renew = useCallback(
    async (role: Role): Promise<string | null> => {
      setError(null);
      const r = await apiCall<RotatedLinkResponse>(`${base}/links/${role}`, withKey(secret, { method: 'POST' }));
      if (!r.ok) {
        setError(`No new link was made. ${r.message}`);
        return null;
      }
      const link = r.data.link;
      setCurrent((c) => (c.state === 'ready' ? { ...c, links: { ...c.links, [role]: link } } : c));
      return link;
    },
    [base, secret],
  );

  return { current, error, renew };
}
