/**
 * The service worker of the Fito PWA (hand-written, ~100 lines; why not Workbox: see
 * web/README.md "Service worker").
 *
 * - install: precaches the app shell (index.html and every built asset; the list is put in
 *   by `vite-sw.ts` at build time) into the cache `fito-shell-<build>`.
 * - activate: deletes older `fito-shell-*` caches. It touches nothing else: the outbox and
 *   the field data live in IndexedDB, which the worker never opens, so unsent records
 *   survive every update.
 * - fetch: page navigations go to the network and fall back to the cached shell offline;
 *   built assets come from the cache first; map tiles that the user saved for offline use
 *   come from the `fito-tiles` cache (other cross-origin requests are not touched); the API
 *   (/api/) is never cached here.
 * - update: a new worker waits until the page asks it to take over ("skip-waiting" message,
 *   sent when the user accepts the new version).
 * - push (issue 15): shows the server's notification (its text is in the payload, in the
 *   language the device subscribed in); a click opens the item it is about in an open window
 *   of the app, or a new one.
 */
import { pushTarget, readPayload } from './push-target.js';

interface FetchEventLike extends Event {
  request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface PushEventLike extends ExtendableEventLike {
  data: { text(): string } | null;
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: { data: unknown; close(): void };
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface SwScope {
  registration: { scope: string; showNotification(title: string, options: Record<string, unknown>): Promise<void> };
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: 'install' | 'activate', f: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', f: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', f: (e: MessageEvent) => void): void;
  addEventListener(type: 'push', f: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', f: (e: NotificationEventLike) => void): void;
}

declare const __FITO_PRECACHE__: string[];
declare const __FITO_BUILD__: string;

const sw = self as unknown as SwScope;
const SHELL = `fito-shell-${__FITO_BUILD__}`;
const TILES = 'fito-tiles'; // the same name as src/field/tiles.ts
const base = new URL(sw.registration.scope);
const shellUrls = ['./', ...__FITO_PRECACHE__].map((p) => new URL(p, base).href);
const INDEX = new URL('./', base).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(shellUrls.map((u) => new Request(u, { cache: 'reload' })))));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('fito-shell-') && name !== SHELL) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'skip-waiting') void sw.skipWaiting();
  if (type === 'tiles-saved') void loadTileIndex();
});

sw.addEventListener('push', (event) => {
  const p = readPayload(event.data?.text());
  const url = pushTarget(p, base.href);
  event.waitUntil(sw.registration.showNotification(p.title || 'Fito', { body: '', tag: p.id, data: { url }, icon: new URL('icons/icon-192.png', base).href }));
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? INDEX;
  event.waitUntil(
    (async () => {
      const open = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const mine = open.find((c) => c.url.startsWith(base.origin));
      if (mine) {
        await mine.navigate(url).catch(() => undefined);
        await mine.focus();
      } else await sw.clients.openWindow(url);
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin === base.origin && url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  if (url.origin === base.origin) {
    if (shellUrls.includes(url.href)) event.respondWith(cacheFirst(request, SHELL));
    return;
  }
  // Cross-origin: only tiles the user saved for offline use are answered from a cache;
  // everything else is left alone (not even passed through the worker).
  if (tileIndex === null) event.respondWith(loadTileIndex().then(() => fromTilesOrNetwork(request)));
  else if (tileIndex.has(url.href)) event.respondWith(fromTilesOrNetwork(request));
});

/** URLs of the saved tiles; null until read (the worker may have been stopped and restarted). */
let tileIndex: Set<string> | null = null;
async function loadTileIndex(): Promise<void> {
  if (!(await caches.has(TILES))) {
    tileIndex = new Set();
    return;
  }
  const keys = await (await caches.open(TILES)).keys();
  tileIndex = new Set(keys.map((r) => r.url));
}
void loadTileIndex();

async function navigate(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (e) {
    const cached = await caches.match(INDEX, { cacheName: SHELL });
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cached = await caches.match(request, { cacheName });
  return cached ?? fetch(request);
}

async function fromTilesOrNetwork(request: Request): Promise<Response> {
  const cached = await caches.match(request.url, { cacheName: TILES });
  return cached ?? fetch(request);
}
export {};
