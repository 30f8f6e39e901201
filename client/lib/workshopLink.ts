import { readStored, removeStored, writeStored } from './deviceStorage.js';

const WORKSHOP_PATH = /^\/w\/([a-z0-9]+)\/?$/;

const storageKey = (workshopId: string): string => `cairn:link:${workshopId}`;

/** The workshop id in an address like /w/<id>, or null. */
export function workshopIdFromPath(pathname: string): string | null {
  return WORKSHOP_PATH.exec(pathname)?.[1] ?? null;
}

/**
 * The secret part of a workshop link. It arrives after '#' (so it never reaches a
 * server log) and is then kept on this device, so that a reload or a bookmark of the
 * plain address still opens the workshop. It is taken out of the address bar at once,
 * so that a screen shared on a call does not show it.
 */
export function takeLinkSecret(workshopId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('k');
  if (fromHash) {
    writeStored(storageKey(workshopId), fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return readStored(storageKey(workshopId));
}

export function forgetLinkSecret(workshopId: string): void {
  removeStored(storageKey(workshopId));
}

/** Keep a new secret for this workshop on this device (a personal link given in exchange for the shared one). */
export function keepLinkSecret(workshopId: string, secret: string): void {
  writeStored(storageKey(workshopId), secret);
}
