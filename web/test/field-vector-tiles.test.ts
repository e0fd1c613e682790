// The inspector's map tiles kept for offline use (issue 16, R-MOB-1).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { areaTiles, MAX_TILES, openTileDb, refreshAreaTiles, storedTile, storedTileCount, tileForMap, TILE_LAYERS, type TileFetch } from '../src/field/vector-tiles.js';
import type { Bbox } from '../src/field/tiles.js';

let n = 0;
const AREA: Bbox = [71.38, 51.08, 71.42, 51.12];

/** A fake tile server: each path's body is `path#version`; ETag `"version"`. */
function server(version: { v: number }) {
  const asked: Array<{ path: string; etag: string | null }> = [];
  const fetchTile: TileFetch = async (path, etag) => {
    asked.push({ path, etag });
    const tag = `"${version.v}"`;
    if (etag === tag) return { status: 304, etag: tag, bytes: null };
    return { status: 200, etag: tag, bytes: new TextEncoder().encode(`${path}#${version.v}`).buffer as ArrayBuffer };
  };
  return { asked, fetchTile };
}

const text = (b: ArrayBuffer | null) => (b ? new TextDecoder().decode(b) : null);

describe('offline map tiles', () => {
  it('covers the area from zoom 8 while the count stays under the cap', () => {
    const tiles = areaTiles(AREA);
    expect(tiles[0]).toEqual({ z: 8, x: 178, y: 85 });
    expect(new Set(tiles.map((t) => t.z))).toEqual(new Set([8, 9, 10, 11, 12, 13, 14]));
    expect(tiles.length).toBeLessThanOrEqual(MAX_TILES);
    // A whole region does not fit down to the field's zoom: the deepest zooms are left out.
    const region = areaTiles([68, 48, 76, 54]);
    expect(region.length).toBeLessThanOrEqual(MAX_TILES);
    expect(Math.max(...region.map((t) => t.z))).toBeLessThan(14);
  });

  it('stores every layer of the area, then asks with If-None-Match and keeps what is unchanged', async () => {
    const db = await openTileDb(`tiles-${++n}`);
    const version = { v: 1 };
    const s = server(version);
    const first = await refreshAreaTiles(db, 'u-1', AREA, s.fetchTile);
    const count = areaTiles(AREA).length * TILE_LAYERS.length;
    expect(first).toEqual({ fetched: count, unchanged: 0, removed: 0, failed: 0 });
    expect(await storedTileCount(db, 'u-1')).toBe(count);
    expect(text(await storedTile(db, 'u-1', 'findings', { z: 8, x: 178, y: 85 }))).toBe('/api/v1/tiles/findings/8/178/85.mvt#1');
    // Nothing changed on the server: 304s, no body stored again.
    s.asked.length = 0;
    const second = await refreshAreaTiles(db, 'u-1', AREA, s.fetchTile);
    expect(second).toEqual({ fetched: 0, unchanged: count, removed: 0, failed: 0 });
    expect(s.asked.every((a) => a.etag === '"1"')).toBe(true);
    // A change (sync brought one): the new tiles replace the old.
    version.v = 2;
    await refreshAreaTiles(db, 'u-1', AREA, s.fetchTile);
    expect(text(await storedTile(db, 'u-1', 'objects', { z: 8, x: 178, y: 85 }))).toBe('/api/v1/tiles/objects/8/178/85.mvt#2');
  });

  it('drops tiles that left the area and tiles of another user; a failed tile keeps the old copy', async () => {
    const db = await openTileDb(`tiles-${++n}`);
    const s = server({ v: 1 });
    await refreshAreaTiles(db, 'u-1', AREA, s.fetchTile);
    const moved: Bbox = [76.9, 43.2, 76.94, 43.24];
    const r = await refreshAreaTiles(db, 'u-2', moved, s.fetchTile);
    expect(r.removed).toBe(areaTiles(AREA).length * TILE_LAYERS.length);
    expect(await storedTileCount(db, 'u-1')).toBe(0);
    const failing: TileFetch = async () => {
      throw new Error('offline');
    };
    const again = await refreshAreaTiles(db, 'u-2', moved, failing);
    expect(again.failed).toBe(areaTiles(moved).length * TILE_LAYERS.length);
    expect(await storedTileCount(db, 'u-2')).toBe(again.failed);
  });

  it('the map reads stored tiles offline, the server online, and an empty tile otherwise', async () => {
    const db = await openTileDb(`tiles-${++n}`);
    const s = server({ v: 1 });
    await refreshAreaTiles(db, 'u-1', AREA, s.fetchTile);
    const stored = await tileForMap(db, 'u-1', 'fitotile://zones/8/178/85', false, s.fetchTile);
    expect(text(stored)).toBe('/api/v1/tiles/zones/8/178/85.mvt#1');
    expect((await tileForMap(db, 'u-1', 'fitotile://zones/5/1/1', false, s.fetchTile)).byteLength).toBe(0);
    expect(text(await tileForMap(db, 'u-1', 'fitotile://zones/5/1/1', true, s.fetchTile))).toBe('/api/v1/tiles/zones/5/1/1.mvt#1');
    expect((await tileForMap(db, 'u-1', 'fitotile://roads/5/1/1', true, s.fetchTile)).byteLength).toBe(0);
  });
});
