/**
 * Registers the service worker and runs its update flow: a new version installs in the
 * background and waits; `updateReady` turns true; when the user accepts, the page tells the
 * waiting worker to take over and reloads once it controls the page. IndexedDB is not
 * touched on the way (the outbox survives updates).
 */
import { signal } from '@preact/signals';

export const updateReady = signal(false);
let waiting: ServiceWorker | null = null;
let requested = false;

export function registerServiceWorker(url = '/sw.js'): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install takes over silently; an update reloads into the new version.
    if (hadController || requested) window.location.reload();
  });
  void navigator.serviceWorker.register(url, { scope: '/' }).then((reg) => {
    const watch = (worker: ServiceWorker | null): void => {
      if (!worker) return;
      const check = (): void => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) {
          waiting = worker;
          updateReady.value = true;
        }
      };
      check();
      worker.addEventListener('statechange', check);
    };
    watch(reg.waiting);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // Look for a new version when the app comes back to the foreground.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void reg.update().catch(() => undefined);
    });
  });
}

/** The user accepted the new version. */
export function applyUpdate(): void {
  requested = true;
  waiting?.postMessage({ type: 'skip-waiting' });
}
