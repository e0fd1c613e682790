/**
 * Quarantine zones on the device (issue 14): the zones pulled into the offline cache, and
 * which established ones a point lies in, so recording a survey point warns offline too.
 */
import type { CacheRow } from '../sync/db.js';

export interface FieldZone {
  id: string;
  name: string;
  status: string;
  organisms: string[];
  /** Polygons of rings of [lon, lat]; the first ring outer, the others holes. */
  polygons: number[][][][];
}

type Ring = number[][];

function polygonsOf(geometry: unknown): number[][][][] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || !Array.isArray(g.coordinates)) return [];
  if (g.type === 'Polygon') return [g.coordinates as number[][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as number[][][][];
  return [];
}

export function toFieldZone(row: CacheRow): FieldZone {
  const d = row.data as Record<string, unknown>;
  return {
    id: row.id,
    name: typeof d.name === 'string' ? d.name : row.id,
    status: typeof d.status === 'string' ? d.status : '',
    organisms: Array.isArray(d.organisms) ? d.organisms.map(String) : [],
    polygons: polygonsOf(d.geometry),
  };
}

/** Ray casting: whether (lon, lat) is inside the ring (a point on the edge may go either way). */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function zoneContains(z: FieldZone, lon: number, lat: number): boolean {
  return z.polygons.some(([outer, ...holes]) => !!outer && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

/** The established zones the point lies in. */
export function establishedZonesAt(zones: readonly FieldZone[], lon: number, lat: number): FieldZone[] {
  return zones.filter((z) => z.status === 'established' && zoneContains(z, lon, lat));
}
