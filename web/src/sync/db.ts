/**
 * The device's IndexedDB (R-MOB-1): what the inspector made offline (the outbox) and what
 * the server sent for field work (the pulled cache). The service worker never opens it, so
 * an app update cannot touch unsent records.
 *
 *  outbox  one row per record to send: kind, client UUIDv7 id, base_version, data, state,
 *          attempts, last error, the server's copy on a conflict, the problem on a refusal
 *  sent    a short log of what the server acknowledged (no record data: R-MOB-4)
 *  cache   pulled changes by `kind:id` (objects, tasks, acts, reference entries)
 *  drafts  surveys still being recorded on site (they go to the outbox when finished)
 *  meta    the pull cursor, the device id, whose cache this is, the storage status
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RecordKind } from '../api/types.js';

export type { RecordKind } from '../api/types.js';
export type OutboxState = 'waiting' | 'sending' | 'conflict' | 'rejected';

export interface Problem {
  code?: string;
  title?: string;
  status?: number;
  detail?: string;
  [key: string]: unknown;
}

export interface OutboxRecord {
  /** The client's UUIDv7: the object, survey or act id on the server too. */
  id: string;
  kind: RecordKind;
  /** null: create; otherwise the server version this change was made on. */
  base_version: number | null;
  data: Record<string, unknown>;
  state: OutboxState;
  /** Whose record it is: only that user's session sends it. */
  user_id: string;
  /** Order of making (objects before the surveys on them, surveys before their acts). */
  seq: number;
  created_at: string;
  updated_at: string;
  attempts: number;
  /** Counts the user's edits: an ack for an older revision does not remove a newer one. */
  rev: number;
  last_error?: string;
  /** conflict: the server's copy and its version. */
  server?: unknown;
  server_version?: number;
  /** rejected: the server's problem+json (translated). */
  problem?: Problem;
}

export interface SentEntry {
  id: string;
  kind: RecordKind;
  version: number;
  sent_at: string;
  user_id: string;
}

export type CacheKind = 'object' | 'task' | 'act' | 'zone' | 'reference';

export interface CacheRow {
  /** `${kind}:${id}` */
  key: string;
  kind: CacheKind;
  id: string;
  version: number;
  /** For reference entries: organisms, crops, object_types or units. */
  list?: string;
  data: Record<string, unknown>;
}

/** A survey still being recorded: not sent until the inspector finishes it. */
export interface DraftRow {
  id: string;
  user_id: string;
  data: Record<string, unknown>;
  updated_at: string;
}

export interface FitoDb extends DBSchema {
  drafts: { key: string; value: DraftRow };
  outbox: { key: string; value: OutboxRecord; indexes: { seq: number; state: string } };
  sent: { key: string; value: SentEntry; indexes: { sent_at: string } };
  cache: { key: string; value: CacheRow; indexes: { kind: string; list: string } };
  meta: { key: string; value: unknown };
}

export type Db = IDBPDatabase<FitoDb>;

export const DB_NAME = 'fito-field';

export function openFieldDb(name: string = DB_NAME): Promise<Db> {
  return openDB<FitoDb>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('seq', 'seq');
      outbox.createIndex('state', 'state');
      const sent = db.createObjectStore('sent', { keyPath: 'id' });
      sent.createIndex('sent_at', 'sent_at');
      const cache = db.createObjectStore('cache', { keyPath: 'key' });
      cache.createIndex('kind', 'kind');
      cache.createIndex('list', 'list');
      db.createObjectStore('meta');
      db.createObjectStore('drafts', { keyPath: 'id' });
    },
  });
}
