import { readStored, writeStored } from '../lib/deviceStorage.js';

const KEY = 'cairn:person';

/** This browser's own key for dots and silent-round cards: made once, kept on the device. */
export function personKey(): string {
  const saved = readStored(KEY);
  if (saved && /^[A-Za-z0-9_-]{16,100}$/.test(saved)) return saved;
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  const key = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  writeStored(KEY, key);
  return key;
}
