/**
 * The base map (R-GEO-1, R-GEO-2): OpenStreetMap raster tiles by default; the server's
 * `GET /api/v1/config/map` names another tile source and its attribution. Only tile
 * requests go to the tile server: objects come from our own API.
 */
import { api } from '../../app/session.js';
import type { MapSettings as ServerMapSettings } from '../../api/types.js';

/** What the portal's maps use of the server's settings (bulk downloads are field mode's). */
export type MapSettings = Omit<ServerMapSettings, 'offline_bulk'>;

export const DEFAULT_MAP: MapSettings = {
  tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© OpenStreetMap contributors',
  max_zoom: 19,
};

let cached: Promise<MapSettings> | undefined;

/** The server's settings, or the default when the server has no such endpoint (yet). */
export function mapSettings(): Promise<MapSettings> {
  cached ??= api.get<Partial<ServerMapSettings>>('/api/v1/config/map').then(
    (s) => ({
      tile_url: typeof s?.tile_url === 'string' && s.tile_url ? s.tile_url : DEFAULT_MAP.tile_url,
      subdomains: Array.isArray(s?.subdomains) ? s.subdomains : [],
      attribution: typeof s?.attribution === 'string' ? s.attribution : DEFAULT_MAP.attribution,
      max_zoom: typeof s?.max_zoom === 'number' ? s.max_zoom : DEFAULT_MAP.max_zoom,
    }),
    () => DEFAULT_MAP,
  );
  return cached;
}

/** The tile URLs MapLibre takes: `{s}` expanded over the subdomains. */
export function tileUrls(s: MapSettings): string[] {
  if (!s.tile_url.includes('{s}')) return [s.tile_url];
  const subs = s.subdomains.length > 0 ? s.subdomains : ['a', 'b', 'c'];
  return subs.map((sub) => s.tile_url.replace('{s}', sub));
}

/** A representative point of a GeoJSON geometry (the centre of its outer ring's box). */
export function anchorOf(geometry: { type: string; coordinates: unknown } | null): [number, number] | null {
  if (!geometry) return null;
  const pts: number[][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') pts.push(c as number[]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(geometry.coordinates);
  if (pts.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of pts) {
    const [x, y] = p as [number, number];
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [(w + e) / 2, (s + n) / 2];
}
