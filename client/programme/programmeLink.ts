import { readStored, removeStored, writeStored } from '../lib/deviceStorage.js';

const PROGRAMME_PATH = /^\/p\/([a-z0-9]{14})\/?$/;
const storageKey = (id: string) => `cairn:programme:${id}`;

/** The programme id in an address like /p/<id>, or null. */
export function programmeIdFromPath(pathname: string): string | null {
  return PROGRAMME_PATH.exec(pathname)?.[1] ?? null;
}

/**
 * The coordinator link's key, as a workshop link's: after '#' (never in a server's logs),
 * kept on this device so a bookmark of the plain address opens the programme, and taken
 * out of the address bar at once so a shared screen does not show it.
 */
export function takeCoordinatorKey(id: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('k');
  if (fromHash) {
    writeStored(storageKey(id), fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return readStored(storageKey(id));
}

export const keepCoordinatorKey = (id: string, key: string): void => writeStored(storageKey(id), key);
export const forgetCoordinatorKey = (id: string): void => removeStored(storageKey(id));
