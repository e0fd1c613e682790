/**
 * The sync engine of field mode (R-MOB-1, R-MOB-2, R-MOB-4).
 *
 * Records wait in the IndexedDB outbox until the server has acknowledged THAT record
 * (`applied` or `unchanged`); only then are they removed (the draft leaves the device).
 * A cut connection at any moment leaves them waiting, and the retry is idempotent: the ids
 * are the client's UUIDv7s and the server answers a replay `unchanged`. A conflict keeps the
 * server's copy beside ours until the user chooses "keep mine" (resend on the server's
 * version) or "take the server's" (drop ours). After pushing, the engine pulls the changes
 * since its cursor until the server says there are no more.
 */
import type { CacheKind, CacheRow, Db, OutboxRecord, RecordKind, SentEntry } from './db.js';
import type { PulledChange, PushRecord } from '../api/types.js';
import { TransportError, type SyncTransport } from './transport.js';
import { uuidv7 } from './uuid7.js';

export interface EngineOptions {
  db: Db;
  transport: SyncTransport;
  /** The signed-in user: the outbox sends only their records; the cache is theirs. */
  userId: string;
  /** Records per push (the server takes at most 500). */
  batchSize?: number;
  /** Changes per pull page (1..1000). */
  pullLimit?: number;
  now?: () => Date;
}

export interface SyncOutcome {
  ok: boolean;
  pushed: number;
  conflicts: number;
  rejected: number;
  pulled: number;
  /** Why it stopped early: `network`, `server`, `auth`, `refused`, `bad-response`. */
  failure?: string;
  error?: string;
}

export interface OutboxExport {
  format: 'fito-outbox';
  version: 1;
  device_id: string;
  exported_at: string;
  user_id: string;
  records: PushRecord[];
}

const SENT_LOG_KEEP = 200;

export class SyncEngine {
  readonly db: Db;
  readonly userId: string;
  private readonly transport: SyncTransport;
  private readonly batchSize: number;
  private readonly pullLimit: number;
  private readonly now: () => Date;
  private inFlight: Promise<SyncOutcome> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(options: EngineOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.userId = options.userId;
    this.batchSize = Math.min(500, Math.max(1, options.batchSize ?? 100));
    this.pullLimit = Math.min(1000, Math.max(1, options.pullLimit ?? 500));
    this.now = options.now ?? (() => new Date());
  }

  /** Tell `listener` whenever the outbox or the cache changes. Returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        /* a listener's failure is not the engine's */
      }
    }
  }

  /**
   * Prepare after opening: a record left `sending` by a closed tab or a crash goes back to
   * waiting (the server may or may not have it: resending is safe); a cache that belongs
   * to another user is dropped.
   */
  async open(): Promise<void> {
    const tx = this.db.transaction(['outbox', 'meta', 'cache', 'sent'], 'readwrite');
    for (const r of await tx.objectStore('outbox').index('state').getAll('sending')) {
      await tx.objectStore('outbox').put({ ...r, state: 'waiting' });
    }
    const owner = await tx.objectStore('meta').get('cache_user');
    if (owner !== undefined && owner !== this.userId) {
      await tx.objectStore('cache').clear();
      await tx.objectStore('sent').clear();
      await tx.objectStore('meta').delete('cursor');
    }
    await tx.objectStore('meta').put(this.userId, 'cache_user');
    await tx.done;
  }

  // ---- the outbox ----

  /**
   * Put a record in the outbox (or change a record that is not on its way). `id` is made
   * here (UUIDv7) unless given; `baseVersion` null means "create".
   */
  async save(kind: RecordKind, data: Record<string, unknown>, options: { id?: string; baseVersion?: number | null } = {}): Promise<OutboxRecord> {
    const id = options.id ?? uuidv7(this.now().getTime());
    const now = this.now().toISOString();
    const tx = this.db.transaction(['outbox', 'meta'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const existing = await outbox.get(id);
    let record: OutboxRecord;
    if (existing) {
      if (existing.user_id !== this.userId) throw new Error('record of another user');
      record = {
        ...existing,
        data,
        // Editing while a push is in flight: the ack then says the OLD content is in,
        // and `settle` turns this into an update on the version it got.
        state: existing.state === 'sending' ? 'sending' : 'waiting',
        base_version: options.baseVersion !== undefined ? options.baseVersion : existing.base_version,
        updated_at: now,
        rev: (existing.rev ?? 0) + 1,
      };
      delete record.problem;
      delete record.last_error;
    } else {
      const seq = ((await tx.objectStore('meta').get('seq')) as number | undefined ?? 0) + 1;
      await tx.objectStore('meta').put(seq, 'seq');
      record = {
        id,
        kind,
        base_version: options.baseVersion ?? null,
        data,
        state: 'waiting',
        user_id: this.userId,
        seq,
        created_at: now,
        updated_at: now,
        attempts: 0,
        rev: 1,
      };
    }
    await outbox.put(record);
    await tx.done;
    this.changed();
    return record;
  }

  /** The signed-in user's records, oldest first. */
  async outbox(): Promise<OutboxRecord[]> {
    const all = await this.db.getAllFromIndex('outbox', 'seq');
    return all.filter((r) => r.user_id === this.userId);
  }

  async record(id: string): Promise<OutboxRecord | undefined> {
    const r = await this.db.get('outbox', id);
    return r && r.user_id === this.userId ? r : undefined;
  }

  /** What the server acknowledged lately, newest first (ids and versions only). */
  async sentLog(): Promise<SentEntry[]> {
    const all = await this.db.getAllFromIndex('sent', 'sent_at');
    return all.filter((e) => e.user_id === this.userId).reverse();
  }

  /** Conflict → "keep mine": send ours again, on the server's version. */
  async keepMine(id: string): Promise<void> {
    await this.update(id, (r) => {
      if (r.state !== 'conflict' || r.server_version === undefined) return null;
      const next: OutboxRecord = { ...r, state: 'waiting', base_version: r.server_version };
      delete next.server;
      delete next.server_version;
      return next;
    });
  }

  /** Conflict → "take the server's": drop ours; the next pull brings the server's copy. */
  async takeServer(id: string): Promise<void> {
    const r = await this.record(id);
    if (!r || r.state !== 'conflict') return;
    await this.db.delete('outbox', id);
    this.changed();
  }

  /** Rejected → try again as it is (e.g. after the reference list was fixed). */
  async retry(id: string): Promise<void> {
    await this.update(id, (r) => (r.state === 'rejected' ? { ...r, state: 'waiting' } : null));
  }

  /** Drop a rejected or conflicting record on the user's explicit request. */
  async discard(id: string): Promise<void> {
    const r = await this.record(id);
    if (!r || r.state === 'sending') return;
    await this.db.delete('outbox', id);
    this.changed();
  }

  private async update(id: string, f: (r: OutboxRecord) => OutboxRecord | null): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const r = await tx.store.get(id);
    const next = r && r.user_id === this.userId ? f(r) : null;
    if (next) await tx.store.put({ ...next, updated_at: this.now().toISOString() });
    await tx.done;
    if (next) this.changed();
  }

  /** The last-resort file: every record not yet acknowledged (CONTRACTS.md format). */
  async exportOutbox(deviceId: string): Promise<OutboxExport> {
    const records = (await this.outbox()).map(toPush);
    return {
      format: 'fito-outbox',
      version: 1,
      device_id: deviceId,
      exported_at: this.now().toISOString(),
      user_id: this.userId,
      records,
    };
  }

  // ---- the cache ----

  async cached(kind: CacheKind, list?: string): Promise<CacheRow[]> {
    if (kind === 'reference' && list !== undefined) return this.db.getAllFromIndex('cache', 'list', list);
    return this.db.getAllFromIndex('cache', 'kind', kind);
  }

  async cachedOne(kind: CacheKind, id: string): Promise<CacheRow | undefined> {
    return this.db.get('cache', `${kind}:${id}`);
  }

  async cursor(): Promise<string | null> {
    return ((await this.db.get('meta', 'cursor')) as string | undefined) ?? null;
  }

  /** Sign-out: the pulled cache, the sent log and the cursor go (R-MOB-4). */
  async clearCache(): Promise<void> {
    const tx = this.db.transaction(['cache', 'sent', 'meta'], 'readwrite');
    await tx.objectStore('cache').clear();
    await tx.objectStore('sent').clear();
    await tx.objectStore('meta').delete('cursor');
    await tx.objectStore('meta').delete('cache_user');
    await tx.done;
    this.changed();
  }

  // ---- syncing ----

  /** Push, then pull. One at a time: a second call while one runs gets the same outcome. */
  sync(): Promise<SyncOutcome> {
    if (!this.inFlight) {
      this.inFlight = this.runExclusive().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async runExclusive(): Promise<SyncOutcome> {
    // Two tabs of the app must not send the same records at once.
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks?.request) return locks.request('fito-sync', () => this.run());
    return this.run();
  }

  private async run(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { ok: true, pushed: 0, conflicts: 0, rejected: 0, pulled: 0 };
    try {
      await this.push(outcome);
      await this.pull(outcome);
    } catch (e) {
      outcome.ok = false;
      if (e instanceof TransportError) {
        outcome.failure = e.failure;
        outcome.error = e.message;
      } else {
        outcome.failure = 'client';
        outcome.error = e instanceof Error ? e.message : String(e);
      }
    }
    await this.db.put('meta', { at: this.now().toISOString(), outcome }, 'last_sync');
    this.changed();
    return outcome;
  }

  private async push(outcome: SyncOutcome): Promise<void> {
    for (;;) {
      const batch = await this.takeBatch();
      if (batch.length === 0) return;
      let results;
      try {
        results = await this.transport.push(batch.map(toPush));
      } catch (e) {
        await this.release(batch, e instanceof Error ? e.message : String(e));
        throw e;
      }
      await this.settle(batch, results, outcome);
    }
  }

  /** Marks the next waiting records `sending` (attempts + 1) and returns them. */
  private async takeBatch(): Promise<OutboxRecord[]> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const batch: OutboxRecord[] = [];
    let cursor = await tx.store.index('seq').openCursor();
    while (cursor && batch.length < this.batchSize) {
      const r = cursor.value;
      if (r.user_id === this.userId && r.state === 'waiting') {
        const next: OutboxRecord = { ...r, state: 'sending', attempts: r.attempts + 1 };
        await cursor.update(next);
        batch.push(next);
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    if (batch.length > 0) this.changed();
    return batch;
  }

  /** The push failed as a whole: the records wait again, nothing is lost. */
  private async release(batch: OutboxRecord[], error: string): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (const sent of batch) {
      const r = await tx.store.get(sent.id);
      if (r && r.state === 'sending') await tx.store.put({ ...r, state: 'waiting', last_error: error });
    }
    await tx.done;
    this.changed();
  }

  private async settle(batch: OutboxRecord[], results: Awaited<ReturnType<SyncTransport['push']>>, outcome: SyncOutcome): Promise<void> {
    const byId = new Map(results.map((res) => [res.id, res]));
    const now = this.now().toISOString();
    const tx = this.db.transaction(['outbox', 'sent'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    for (const sent of batch) {
      const res = byId.get(sent.id);
      const current = await outbox.get(sent.id);
      if (!current) continue;
      if (!res || res.kind !== sent.kind) {
        // No word on this record: it waits for the next round.
        await outbox.put({ ...current, state: 'waiting', last_error: 'no result' });
        continue;
      }
      const editedMeanwhile = current.rev !== sent.rev;
      switch (res.status) {
        case 'applied':
        case 'unchanged': {
          outcome.pushed += 1;
          await tx.objectStore('sent').put({ id: sent.id, kind: sent.kind, version: res.version ?? 0, sent_at: now, user_id: this.userId });
          if (editedMeanwhile && typeof res.version === 'number') {
            // The server has the version we sent; the later edit goes as an update on it.
            await outbox.put({ ...current, state: 'waiting', base_version: res.version });
          } else {
            await outbox.delete(sent.id); // the server has it: it leaves the device (R-MOB-4)
          }
          break;
        }
        case 'conflict': {
          outcome.conflicts += 1;
          const next: OutboxRecord = { ...current, state: 'conflict', server: res.server ?? null };
          if (typeof res.version === 'number') next.server_version = res.version;
          await outbox.put(next);
          break;
        }
        case 'rejected': {
          outcome.rejected += 1;
          const next: OutboxRecord = editedMeanwhile ? { ...current, state: 'waiting' } : { ...current, state: 'rejected' };
          if (res.problem) next.problem = res.problem;
          await outbox.put(next);
          break;
        }
        default:
          await outbox.put({ ...current, state: 'waiting', last_error: `unknown status ${String(res.status)}` });
      }
    }
    // Keep the log short: the newest entries only.
    const log = await tx.objectStore('sent').index('sent_at').getAllKeys();
    for (const key of log.slice(0, Math.max(0, log.length - SENT_LOG_KEEP))) await tx.objectStore('sent').delete(key);
    await tx.done;
    this.changed();
  }

  private async pull(outcome: SyncOutcome): Promise<void> {
    let cursor = await this.cursor();
    for (;;) {
      const page = await this.transport.pull(cursor, this.pullLimit);
      const tx = this.db.transaction(['cache', 'meta'], 'readwrite');
      for (const change of page.changes) await applyChange(tx.objectStore('cache'), change);
      // The cursor moves in the same transaction as the changes it covers.
      await tx.objectStore('meta').put(page.cursor, 'cursor');
      await tx.done;
      outcome.pulled += page.changes.length;
      cursor = page.cursor;
      if (page.changes.length > 0) this.changed();
      if (!page.more) return;
    }
  }

  /** The outcome of the last sync and when it ran. */
  async lastSync(): Promise<{ at: string; outcome: SyncOutcome } | undefined> {
    return (await this.db.get('meta', 'last_sync')) as { at: string; outcome: SyncOutcome } | undefined;
  }
}

function toPush(r: OutboxRecord): PushRecord {
  return { kind: r.kind, id: r.id, base_version: r.base_version, data: r.data };
}

type CacheStore = { put(v: CacheRow): Promise<unknown>; delete(k: string): Promise<unknown> };

const CACHE_KINDS: readonly string[] = ['object', 'task', 'act', 'zone', 'reference'] satisfies CacheKind[];
const isCacheKind = (kind: string): kind is CacheKind => CACHE_KINDS.includes(kind);

async function applyChange(store: CacheStore, change: PulledChange): Promise<void> {
  const kind = change.kind;
  // A kind this app does not know (a newer server) has no place in the cache.
  if (!isCacheKind(kind)) return;
  // Reference codes are unique within their list only: the list is part of the key.
  const list = kind === 'reference' && typeof change.data?.list === 'string' ? change.data.list : null;
  const key = list ? `reference:${list}:${change.id}` : `${kind}:${change.id}`;
  if (change.data == null) {
    await store.delete(key);
    return;
  }
  const row: CacheRow = { key, kind, id: change.id, version: change.version, data: change.data };
  if (change.kind === 'reference') {
    if (list) row.list = list;
    const entry = change.data.entry;
    row.data = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  }
  if (change.kind === 'object') row.data = withoutPersonOwner(row.data);
  await store.put(row);
}

/**
 * Belt and braces for R-MOB-4: the server leaves a person-owner's name and IIN out of pulled
 * objects; should one come anyway, it is not written to the device.
 */
export function withoutPersonOwner(data: Record<string, unknown>): Record<string, unknown> {
  const isPerson = (o: unknown): boolean => typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === 'person';
  let out = data;
  if (isPerson(out.owner)) out = { ...out, owner: { kind: 'person' } };
  // Objects arrive as GeoJSON Features: the owner sits in `properties`.
  const props = out.properties as Record<string, unknown> | undefined;
  if (props && isPerson(props.owner)) out = { ...out, properties: { ...props, owner: { kind: 'person' } } };
  return out;
}
