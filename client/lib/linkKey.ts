import { readStored, writeStored } from './deviceStorage.js';

/**
 * The key of a link (a workshop's or a programme's coordinator link). It arrives after
 * '#k=' (so it never reaches a server log) and is then kept on this device under
 * `storageKey`, so that a reload or a bookmark of the plain address still opens the page.
 * It is taken out of the address bar at once, so that a screen shared on a call does not
 * show it. Without one in the address, the key kept earlier, or null.
 */
export function takeKeyFromAddress(storageKey: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('k');
  if (fromHash) {
    writeStored(storageKey, fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return readStored(storageKey);
}
