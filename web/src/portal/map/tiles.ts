/**
 * The map's layers as the server's vector tiles (issue 16): `GET /api/v1/tiles/{layer}/
 * {z}/{x}/{y}.mvt` for objects, findings and quarantine zones, each with the filters
 * that apply to it. Below zoom 12 a tile holds counts per cell; from zoom 12 every
 * feature with its id. Pure helpers, so they are tested without a browser.
 */

export const LAYERS = ['objects', 'findings', 'zones'] as const;
export type Layer = (typeof LAYERS)[number];

/** From this zoom every feature is in the tile with its id (fito_tiles::DETAIL_ZOOM). */
export const DETAIL_ZOOM = 12;

/** What the map screen is filtered by (its URL's query). */
export interface MapFilters {
  /** Object type code. */
  type?: string;
  /** active or archived objects. */
  status?: string;
  /** EPPO code. */
  organism?: string;
  /** Days, YYYY-MM-DD: from (inclusive) … to (exclusive). */
  from?: string;
  to?: string;
  /** Finding category: quarantine, especially_dangerous, ordinary. */
  category?: string;
  /** Zone status: proposed, established, lifted, withdrawn. */
  zone_status?: string;
  /** Layers switched off, comma-separated. */
  hide?: string;
}

export const MAP_FILTERS = ['type', 'status', 'organism', 'from', 'to', 'category', 'zone_status', 'hide'] as const;

export function mapFiltersFrom(query: URLSearchParams): MapFilters {
  const out: MapFilters = {};
  for (const k of MAP_FILTERS) {
    const v = query.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** The query string of a layer's tiles: only the filters the server applies to it. */
export function tileQuery(layer: Layer, f: MapFilters): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | undefined) => v && q.set(k, v);
  if (layer === 'objects') {
    put('type', f.type);
    put('status', f.status);
  }
  if (layer === 'findings') put('category', f.category);
  if (layer === 'zones') put('status', f.zone_status);
  put('organism', f.organism);
  put('from', f.from);
  put('to', f.to);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The tile URL template of a layer (absolute: MapLibre fetches tiles in its worker). */
export function tileUrl(origin: string, layer: Layer, f: MapFilters): string {
  return `${origin}/api/v1/tiles/${layer}/{z}/{x}/{y}.mvt${tileQuery(layer, f)}`;
}

/** Whether a layer (a tile layer, or the region summary) is switched on. */
export function shown(f: MapFilters, layer: Layer | 'regions'): boolean {
  return !(f.hide ?? '').split(',').includes(layer);
}

/** A feature as MapLibre hands it back from a tile. */
export interface TileFeature {
  id?: string | number;
  properties: Record<string, unknown>;
}

/** An object drawn from a tile, for the list under the map. */
export interface Listed {
  id: string;
  name: string;
}

/**
 * What the objects layer shows in view: the count (cells' counts plus each drawn object
 * once: an object near a tile edge is in both tiles) and the drawn objects by name.
 */
export function summarise(features: TileFeature[]): { count: number; listed: Listed[] } {
  let count = 0;
  const seen = new Map<string, Listed>();
  for (const f of features) {
    const p = f.properties;
    if (typeof p.count === 'number') {
      count += p.count;
    } else if (typeof p.id === 'string' && !seen.has(p.id)) {
      seen.set(p.id, { id: p.id, name: typeof p.name === 'string' ? p.name : p.id });
    }
  }
  const listed = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { count: count + listed.length, listed };
}

/** The page a click on a drawn feature opens: the object, or the object a finding is of. */
export function opens(layer: Layer, p: Record<string, unknown>): string | null {
  if (layer === 'objects' && typeof p.id === 'string') return `/objects/${p.id}`;
  if (layer === 'findings' && typeof p.object === 'string') return `/objects/${p.object}`;
  if (layer === 'findings' && typeof p.id === 'string') return `/surveys/${p.id}`;
  return null;
}
