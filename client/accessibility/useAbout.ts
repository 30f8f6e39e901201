import { useEffect, useState } from 'react';
import type { AboutResponse } from '../../shared/about.js';
import { apiCall } from '../lib/api.js';

/**
 * This installation's own facts (its contact for accessibility problems). Until they
 * arrive, or if they cannot, the page says what is true everywhere instead.
 */
export function useAbout(): AboutResponse | null {
  const [about, setAbout] = useState<AboutResponse | null>(null);
  useEffect(() => {
    let live = true;
    void apiCall<AboutResponse>('/api/about').then((r) => {
      if (live && r.ok) setAbout(r.data);
    });
    return () => {
      live = false;
    };
  }, []);
  return about;
}
