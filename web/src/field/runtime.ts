/**
 * Field mode's running parts, shared by its screens: the device's IndexedDB, the sync
 * engine of the signed-in user, the scheduler that syncs when the connection returns, and
 * signals the screens show (what waits, the last sync, the storage status).
 *
 * Signing out (or a 401 that ends the session) clears the pulled cache (R-MOB-4); records
 * not yet sent stay, bound to their user, and go when that user signs in again.
 */
import { effect, signal } from '@preact/signals';
import { lang } from '../app/i18n-app.js';
import { api, hasRole, user } from '../app/session.js';
import { openFieldDb, type Db, type DraftRow, type OutboxRecord } from '../sync/db.js';
import { SyncEngine, type SyncOutcome } from '../sync/engine.js';
import { SyncScheduler } from '../sync/scheduler.js';
import { persistedState, requestPersistence, type PersistState } from '../sync/storage.js';
import { httpTransport } from '../sync/transport.js';
import { uuidv7 } from '../sync/uuid7.js';

export const outbox = signal<OutboxRecord[]>([]);
export const lastOutcome = signal<{ at: string; outcome: SyncOutcome } | undefined>(undefined);
export const syncing = signal(false);
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
export const persist = signal<PersistState | 'unknown'>('unknown');
/** Bumped whenever the cache changed (screens re-read it). */
export const cacheTick = signal(0);

const DEVICE_KEY = 'fito.device';

/** This installation's id (X-Device-Id), made once. */
export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = uuidv7();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'no-storage';
  }
}

let dbPromise: Promise<Db> | null = null;
function db(): Promise<Db> {
  dbPromise ??= openFieldDb();
  return dbPromise;
}

/** Whether this session's map tiles were refreshed once already. */
let tilesFresh = false;

let current: { userId: string; engine: Promise<SyncEngine>; scheduler?: SyncScheduler; unsubscribe?: () => void } | null = null;

/** The engine of the signed-in user (opened on first use). */
export function engine(): Promise<SyncEngine> {
  const u = user.value;
  if (!u) return Promise.reject(new Error('not signed in'));
  if (current?.userId === u.id) return current.engine;
  stop();
  const userId = u.id;
  const made = (async () => {
    const e = new SyncEngine({
      db: await db(),
      userId,
      transport: httpTransport({
        headers: () => {
          const h: Record<string, string> = { 'Accept-Language': lang.value, 'X-Device-Id': deviceId() };
          const csrf = api.csrfToken();
          if (csrf) h['X-CSRF-Token'] = csrf;
          return h;
        },
      }),
    });
    await e.open();
    return e;
  })();
  current = { userId, engine: made };
  void made.then((e) => {
    if (current?.userId !== userId) return;
    const refresh = async (): Promise<void> => {
      outbox.value = await e.outbox();
      lastOutcome.value = await e.lastSync();
      cacheTick.value += 1;
    };
    current.unsubscribe = e.subscribe(() => void refresh());
    void refresh();
    const scheduler = new SyncScheduler(e);
    scheduler.onOutcome = (o) => {
      void refresh();
      // The map tiles of the assigned area follow the data (issue 16): refreshed once
      // per session, then when a sync moved something.
      if (o.ok && (!tilesFresh || o.pulled > 0 || o.pushed > 0)) {
        tilesFresh = true;
        void import('./offline-tiles.js').then((m) => m.refreshOfflineTiles(e));
      }
    };
    current.scheduler = scheduler;
    scheduler.start();
  });
  return made;
}

function stop(): void {
  current?.scheduler?.stop();
  current?.unsubscribe?.();
  current = null;
  outbox.value = [];
  lastOutcome.value = undefined;
}

/** Sync now (the "send now" button and after each save). */
export async function syncNow(): Promise<SyncOutcome | undefined> {
  const e = await engine();
  if (!navigator.onLine) return undefined;
  syncing.value = true;
  try {
    return await e.sync();
  } finally {
    syncing.value = false;
  }
}

/** Put a record in the outbox and try to send it at once. */
export async function saveRecord(...args: Parameters<SyncEngine['save']>): Promise<OutboxRecord> {
  const e = await engine();
  const r = await e.save(...args);
  void syncNow().catch(() => undefined);
  return r;
}

// ---- surveys in progress (not sent until finished) ----

export async function drafts(): Promise<DraftRow[]> {
  const e = await engine();
  return (await e.db.getAll('drafts')).filter((d) => d.user_id === e.userId);
}

export async function draft(id: string): Promise<DraftRow | undefined> {
  const e = await engine();
  const d = await e.db.get('drafts', id);
  return d && d.user_id === e.userId ? d : undefined;
}

export async function putDraft(id: string, data: Record<string, unknown>): Promise<void> {
  const e = await engine();
  await e.db.put('drafts', { id, user_id: e.userId, data, updated_at: new Date().toISOString() });
}

/** The survey is finished: it moves to the outbox (one transaction would be nicer; the
 * outbox write comes first, so a crash in between leaves a duplicate draft, never a loss). */
export async function finishDraft(id: string): Promise<void> {
  const d = await draft(id);
  if (!d) return;
  // Samples taken with the survey's findings go to the outbox after the survey, so the
  // server has the finding when they arrive (issue 14).
  const { pending_samples: pending, ...survey } = d.data as Record<string, unknown> & { pending_samples?: Record<string, unknown>[] };
  await saveRecord('survey', survey, { id });
  for (const s of pending ?? []) {
    const sampleId = uuidv7();
    await saveRecord('sample', { ...s, id: sampleId, survey_id: id }, { id: sampleId });
  }
  const e = await engine();
  await e.db.delete('drafts', id);
  cacheTick.value += 1;
}

export async function dropDraft(id: string): Promise<void> {
  const e = await engine();
  await e.db.delete('drafts', id);
  cacheTick.value += 1;
}

// ---- start-up ----

/** The roles that work in field mode, with their area kept on the device. */
export const FIELD_ROLES = ['inspector', 'operator'] as const;

let started = false;
export function startField(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => (online.value = true));
  window.addEventListener('offline', () => (online.value = false));
  void persistedState().then((s) => (persist.value = s));
  let previous: string | null | undefined;
  effect(() => {
    const u = user.value;
    if (u === undefined) return;
    const id = u?.id ?? null;
    if (id === previous) return;
    const was = previous;
    previous = id;
    if (id) {
      // Only field users keep their area on the device: an administrator's or a head's
      // browser would otherwise pull the whole register (R-MOB-1, R-MOB-4).
      if (!hasRole(...FIELD_ROLES)) return;
      void engine();
      // Field users' unsent records must not be evicted: ask once per start (browsers
      // decide silently for installed or engaged sites; the outbox screen shows the answer).
      void askPersistence();
    } else {
      stop();
      // Signed out: the pulled cache leaves the device (R-MOB-4).
      if (was !== undefined) void db().then(async (d) => {
        const tx = d.transaction(['cache', 'sent', 'meta'], 'readwrite');
        await tx.objectStore('cache').clear();
        await tx.objectStore('sent').clear();
        await tx.objectStore('meta').delete('cursor');
        await tx.objectStore('meta').delete('cache_user');
        await tx.done;
        // And the map tiles of the area, which show the same data.
        const tiles = await (await import('./offline-tiles.js')).tileDb();
        await tiles.clear('tiles');
      });
    }
  });
}

export async function askPersistence(): Promise<void> {
  persist.value = await requestPersistence();
}
