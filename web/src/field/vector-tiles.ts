/**
 * The inspector's map offline (issue 16, R-MOB-1): the server's vector tiles of objects,
 * findings and quarantine zones over the assigned area (the objects in the field cache,
 * with a margin) kept in IndexedDB (`fito-field-tiles`), refreshed after each sync with
 * `If-None-Match`, so an unchanged tile costs a 304 and no body. The field map reads
 * them through the `fitotile://` protocol, online or not, with or without a base map.
 * Tiles are the user's own: another user's are dropped when this user's are refreshed.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { latToY, lonToX, type Bbox } from './tiles.js';

export const TILE_DB = 'fito-field-tiles';
export const TILE_LAYERS = ['objects', 'findings', 'zones'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];
/** Zooms kept: from the district (8) to the field (14; the map overzooms beyond). */
export const MIN_ZOOM = 8;
export const MAX_ZOOM = 14;
/** At most this many tiles per layer (the deepest zooms are dropped first). */
export const MAX_TILES = 200;

export interface TileRow {
  /** `${user}|${layer}/${z}/${x}/${y}` */
  key: string;
  user_id: string;
  etag: string | null;
  bytes: ArrayBuffer;
  fetched_at: string;
}

interface TileDbSchema extends DBSchema {
  tiles: { key: string; value: TileRow; indexes: { user: string } };
}

export type TileDb = IDBPDatabase<TileDbSchema>;

export function openTileDb(name: string = TILE_DB): Promise<TileDb> {
  return openDB<TileDbSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('tiles', { keyPath: 'key' }).createIndex('user', 'user_id');
    },
  });
}

export interface TileAddr {
  z: number;
  x: number;
  y: number;
}

/** The tiles covering `bbox` from `minZ` up, zoom by zoom, while they stay within `cap`. */
export function areaTiles(bbox: Bbox, minZ = MIN_ZOOM, maxZ = MAX_ZOOM, cap = MAX_TILES): TileAddr[] {
  const out: TileAddr[] = [];
  for (let z = minZ; z <= maxZ; z++) {
    const [x0, x1, y0, y1] = [lonToX(bbox[0], z), lonToX(bbox[2], z), latToY(bbox[3], z), latToY(bbox[1], z)];
    if (out.length + (x1 - x0 + 1) * (y1 - y0 + 1) > cap) break;
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push({ z, x, y });
  }
  return out;
}

export function tilePath(layer: TileLayer, t: TileAddr): string {
  return `/api/v1/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;
}

const keyOf = (user: string, layer: string, t: TileAddr) => `${user}|${layer}/${t.z}/${t.x}/${t.y}`;

/** A tile request: `etag` is what we hold (sent as If-None-Match). */
export type TileFetch = (path: string, etag: string | null) => Promise<{ status: number; etag: string | null; bytes: ArrayBuffer | null }>;

export function httpTileFetch(base = ''): TileFetch {
  return async (path, etag) => {
    const r = await fetch(`${base}${path}`, { credentials: 'same-origin', headers: etag ? { 'If-None-Match': etag } : {} });
    return { status: r.status, etag: r.headers.get('etag'), bytes: r.status === 200 ? await r.arrayBuffer() : null };
  };
}

export interface RefreshResult {
  fetched: number;
  unchanged: number;
  removed: number;
  failed: number;
}

/**
 * Brings the stored tiles of `bbox` up to date for `user`: new or changed tiles are
 * stored, unchanged ones kept, tiles outside the area or of another user removed.
 */
export async function refreshAreaTiles(db: TileDb, user: string, bbox: Bbox, fetchTile: TileFetch, now = () => new Date()): Promise<RefreshResult> {
  const result: RefreshResult = { fetched: 0, unchanged: 0, removed: 0, failed: 0 };
  const wanted = new Map<string, string>();
  for (const t of areaTiles(bbox)) for (const layer of TILE_LAYERS) wanted.set(keyOf(user, layer, t), tilePath(layer, t));
  const queue = [...wanted.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, path] = next;
      const held = await db.get('tiles', key);
      try {
        const r = await fetchTile(path, held?.etag ?? null);
        if (r.status === 200 && r.bytes) {
          await db.put('tiles', { key, user_id: user, etag: r.etag, bytes: r.bytes, fetched_at: now().toISOString() });
          result.fetched += 1;
        } else if (r.status === 304 && held) {
          result.unchanged += 1;
        } else {
          result.failed += 1;
        }
      } catch {
        result.failed += 1;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  for (const key of await db.getAllKeys('tiles')) {
    if (!wanted.has(key)) {
      await db.delete('tiles', key);
      result.removed += 1;
    }
  }
  return result;
}

/** A stored tile of `user`, or null. */
export async function storedTile(db: TileDb, user: string, layer: string, t: TileAddr): Promise<ArrayBuffer | null> {
  return (await db.get('tiles', keyOf(user, layer, t)))?.bytes ?? null;
}

export async function storedTileCount(db: TileDb, user: string): Promise<number> {
  return db.countFromIndex('tiles', 'user', user);
}

/** `fitotile://objects/14/1234/5678` → the layer and address, or null. */
export function parseTileUrl(url: string): { layer: TileLayer; t: TileAddr } | null {
  const m = /^fitotile:\/\/(objects|findings|zones)\/(\d+)\/(\d+)\/(\d+)$/.exec(url);
  if (!m) return null;
  return { layer: m[1] as TileLayer, t: { z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) } };
}

/**
 * The map's view of a tile: the stored copy, else (online) the server's, else nothing
 * (an empty tile: the map simply shows no features there).
 */
export async function tileForMap(db: TileDb, user: string, url: string, online: boolean, fetchTile: TileFetch): Promise<ArrayBuffer> {
  const p = parseTileUrl(url);
  if (!p) return new ArrayBuffer(0);
  const stored = await storedTile(db, user, p.layer, p.t);
  if (stored) return stored;
  if (!online) return new ArrayBuffer(0);
  try {
    const r = await fetchTile(tilePath(p.layer, p.t), null);
    return r.bytes ?? new ArrayBuffer(0);
  } catch {
    return new ArrayBuffer(0);
  }
}
