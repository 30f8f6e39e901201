import { removeStored, writeStored } from '../lib/deviceStorage.js';
import { takeKeyFromAddress } from '../lib/linkKey.js';

const PROGRAMME_PATH = /^\/p\/([a-z0-9]{14})\/?$/;
const storageKey = (id: string) => `cairn:programme:${id}`;

/** The programme id in an address like /p/<id>, or null. */
export function programmeIdFromPath(pathname: string): string | null {
  return PROGRAMME_PATH.exec(pathname)?.[1] ?? null;
}

/** The coordinator link's key, as a workshop link's: from the address or kept on this device (see client/lib/linkKey.ts). */
export const takeCoordinatorKey = (id: string): string | null => takeKeyFromAddress(storageKey(id));
export const keepCoordinatorKey = (id: string, key: string): void => writeStored(storageKey(id), key);
export const forgetCoordinatorKey = (id: string): void => removeStored(storageKey(id));
