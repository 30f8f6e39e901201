import type { WorkshopInfoResponse } from '../../shared/api.js';
import { isRole } from '../../shared/roles.js';
import { readStored, removeStored, writeStored } from './deviceStorage.js';

/**
 * The last answer the server gave about a workshop (its title, the link's role, whether
 * readers may export), kept on this device so that the workshop still opens, from its
 * copy in IndexedDB, when the server cannot be reached.
 */
interface StoredInfo {
  /** Which link the answer was for: a short fingerprint, not the secret itself. */
  link: string;
  title: string;
  role: string;
  readersMayExport: boolean;
  person?: { id: string; name: string } | null;
}

const storageKey = (workshopId: string): string => `cairn:info:${workshopId}`;

/** A short, non-secret fingerprint of a link secret (cyrb53), to tell one link from another. */
function fingerprint(secret: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < secret.length; i++) {
    const c = secret.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function rememberWorkshopInfo(workshopId: string, secret: string, info: WorkshopInfoResponse): void {
  const stored: StoredInfo = { link: fingerprint(secret), title: info.title, role: info.role, readersMayExport: info.readersMayExport, person: info.person };
  writeStored(storageKey(workshopId), JSON.stringify(stored));
}

/** What the server last said about this workshop for this same link, or null. */
export function recallWorkshopInfo(workshopId: string, secret: string): WorkshopInfoResponse | null {
  const raw = readStored(storageKey(workshopId));
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as Partial<StoredInfo>;
    if (stored.link !== fingerprint(secret) || typeof stored.title !== 'string' || !isRole(stored.role)) return null;
    const person = stored.person && typeof stored.person.id === 'string' && typeof stored.person.name === 'string' ? { id: stored.person.id, name: stored.person.name } : null;
    return { id: workshopId, title: stored.title, role: stored.role, readersMayExport: stored.readersMayExport === true, person };
  } catch {
    return null;
  }
}

export function forgetWorkshopInfo(workshopId: string): void {
  removeStored(storageKey(workshopId));
}
