/*
 * Cairn's service worker: lets a workshop page open again while the server cannot be
 * reached (a closed laptop reopened on a train, a server restarting), so the work kept
 * on the device can be read and continued. Everything goes to the network first; only
 * when that fails is the copy the page saved (shell.js) used. Live data never passes
 * through here: /api, /collab and the rest go straight to the server.
 */
const CACHE = 'cairn-shell-v1';
const LIVE = /^\/(api|collab|healthz|metrics)(\/|$)/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || LIVE.test(url.pathname)) return;
  event.respondWith(
    fetch(event.request).catch(async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is the same document; the saved copy serves them all.
      const saved = event.request.mode === 'navigate' ? await cache.match('/') : await cache.match(event.request, { ignoreSearch: true });
      return saved ?? Response.error();
    }),
  );
});
