import { useCallback, useEffect, useState } from 'react';
import type { PublicationResponse } from '../../shared/libraryApi.js';
import { fetchPublication } from './publicationRequests.js';

/** The workshop's publication as the server knows it; `set` after publishing or withdrawing. */
export function usePublication(workshopId: string, secret: string): { publication: PublicationResponse | null; set: (p: PublicationResponse) => void } {
  const [publication, setPublication] = useState<PublicationResponse | null>(null);
  useEffect(() => {
    let current = true;
    void fetchPublication(workshopId, secret).then((r) => current && r.ok && setPublication(r.data));
    return () => {
      current = false;
    };
  }, [workshopId, secret]);
  const set = useCallback((p: PublicationResponse) => setPublication(p), []);
  return { publication, set };
}
