import { removeStored, writeStored } from './deviceStorage.js';
import { takeKeyFromAddress } from './linkKey.js';

const WORKSHOP_PATH = /^\/w\/([a-z0-9]+)\/?$/;

const storageKey = (workshopId: string): string => `cairn:link:${workshopId}`;

/** The workshop id in an address like /w/<id>, or null. */
export function workshopIdFromPath(pathname: string): string | null {
  return WORKSHOP_PATH.exec(pathname)?.[1] ?? null;
}

/** The secret part of a workshop link, from the address or kept on this device (see linkKey.ts). */
export function takeLinkSecret(workshopId: string): string | null {
  return takeKeyFromAddress(storageKey(workshopId));
}

export function forgetLinkSecret(workshopId: string): void {
  removeStored(storageKey(workshopId));
}

/** Keep a new secret for this workshop on this device (a personal link given in exchange for the shared one). */
export function keepLinkSecret(workshopId: string, secret: string): void {
  writeStored(storageKey(workshopId), secret);
}
