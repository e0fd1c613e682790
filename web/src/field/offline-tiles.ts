/**
 * Keeps the map tiles of the inspector's assigned area (the objects in the field cache)
 * up to date after each sync, and serves them to the field map (`fitotile://`), offline
 * too. See vector-tiles.ts for the store.
 */
import { signal } from '@preact/signals';
import type { SyncEngine } from '../sync/engine.js';
import { anchor, toFieldObject } from './data.js';
import { bboxOf } from './tiles.js';
import { httpTileFetch, openTileDb, refreshAreaTiles, storedTileCount, tileForMap, type TileDb } from './vector-tiles.js';

/** How many tiles this user holds for offline use (the day screen shows it). */
export const offlineTiles = signal<number | null>(null);

let dbp: Promise<TileDb> | null = null;
export function tileDb(): Promise<TileDb> {
  dbp ??= openTileDb();
  return dbp;
}

let running: Promise<void> | null = null;

/** After a sync: refresh the area's tiles (one refresh at a time). */
export function refreshOfflineTiles(e: SyncEngine): Promise<void> {
  running ??= (async () => {
    try {
      const rows = await e.cached('object');
      const points = rows.map((r) => anchor(toFieldObject(r.id, r.data, false).geometry)).filter((p): p is [number, number] => !!p);
      const bbox = bboxOf(points);
      const db = await tileDb();
      if (bbox) await refreshAreaTiles(db, e.userId, bbox, httpTileFetch());
      offlineTiles.value = await storedTileCount(db, e.userId);
    } catch {
      /* the next sync tries again */
    } finally {
      running = null;
    }
  })();
  return running;
}

/** The field map's tile source: stored tiles, else the server's when online. */
export async function loadTile(userId: string, url: string, isOnline: boolean): Promise<ArrayBuffer> {
  return tileForMap(await tileDb(), userId, url, isOnline, httpTileFetch());
}
