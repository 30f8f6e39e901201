/**
 * localStorage that never throws: a council's locked-down browser may block storage
 * entirely, and Cairn must still work for the session (it just forgets on reload).
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage is blocked or full; the value lives only as long as this page.
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to remove if storage is blocked.
  }
}
