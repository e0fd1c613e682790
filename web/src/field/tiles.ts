/**
 * The offline base map (R-MOB-1): tiles of the inspector's district are saved in the Cache
 * Storage (`fito-tiles`, which the service worker answers from) ONLY when the configured tile
 * source permits bulk downloading (`offline_bulk` in `GET /api/v1/config/map`). Never from
 * tile.openstreetmap.org, whose usage policy forbids it, whatever the flag says.
 */
import type { MapSettings as ServerMapSettings } from '../api/types.js';

export const TILES_CACHE = 'fito-tiles';

/** The server's settings; a copy remembered from an older server may lack the last two. */
export type MapSettings = Omit<ServerMapSettings, 'subdomains' | 'offline_bulk'> & Partial<Pick<ServerMapSettings, 'subdomains' | 'offline_bulk'>>;

export type Bbox = [number, number, number, number]; // west, south, east, north

export function bulkAllowed(map: MapSettings): boolean {
  if (map.offline_bulk !== true) return false;
  try {
    const host = new URL(map.tile_url.replace(/\{[a-z]\}/g, 'a'), 'https://this.server').hostname;
    return !/(^|\.)openstreetmap\.org$/i.test(host);
  } catch {
    return false;
  }
}

export function lonToX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}
export function latToY(lat: number, z: number): number {
  const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

/** Tile URLs covering `bbox` from zoom `minZoom` to `maxZoom`. */
export function tileUrls(map: MapSettings, bbox: Bbox, minZoom: number, maxZoom: number): string[] {
  const urls: string[] = [];
  const subs = map.subdomains && map.subdomains.length > 0 ? map.subdomains : ['a'];
  for (let z = minZoom; z <= Math.min(maxZoom, map.max_zoom); z++) {
    const x0 = lonToX(bbox[0], z);
    const x1 = lonToX(bbox[2], z);
    const y0 = latToY(bbox[3], z);
    const y1 = latToY(bbox[1], z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const s = subs[(x + y) % subs.length]!;
        urls.push(map.tile_url.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)).replace('{s}', s));
      }
    }
  }
  return urls;
}

/** The bounding box of points, grown by `marginDeg`. */
export function bboxOf(points: Array<[number, number]>, marginDeg = 0.02): Bbox | null {
  if (points.length === 0) return null;
  let w = 180, s = 90, e = -180, n = -90;
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [w - marginDeg, s - marginDeg, e + marginDeg, n + marginDeg];
}

/** Saves the tiles (a few at a time); reports progress; returns how many were saved. */
export async function saveTiles(urls: string[], progress: (done: number) => void): Promise<number> {
  const cache = await caches.open(TILES_CACHE);
  let done = 0;
  let saved = 0;
  const queue = [...urls];
  const worker = async (): Promise<void> => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        if (!(await cache.match(url))) {
          const r = await fetch(url, { mode: 'cors' });
          if (r.ok) {
            await cache.put(url, r);
            saved += 1;
          }
        } else saved += 1;
      } catch {
        /* one tile missing is not a failure of the rest */
      }
      done += 1;
      progress(done);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  // The service worker answers only the tiles it knows of.
  navigator.serviceWorker?.controller?.postMessage({ type: 'tiles-saved' });
  return saved;
}

export async function savedTileCount(): Promise<number> {
  if (typeof caches === 'undefined' || !(await caches.has(TILES_CACHE))) return 0;
  return (await (await caches.open(TILES_CACHE)).keys()).length;
}
