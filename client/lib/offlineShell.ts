/** Must match client/public/sw.js. */
const CACHE = 'cairn-shell-v1';

/**
 * Keep a copy of the app's own files on this device, so the page can open while the
 * server is unreachable (client/public/sw.js serves it only then). Called once the
 * workshop page has loaded its code: whatever scripts and styles it fetched are saved.
 */
export async function saveOfflineShell(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  try {
    await navigator.serviceWorker.register('/sw.js');
    const own = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
      .map((u) => u.pathname);
    const cache = await caches.open(CACHE);
    await cache.addAll(['/', ...new Set(own)]);
  } catch {
    // Without a copy, the page simply needs the server to open; nothing else changes.
  }
}
