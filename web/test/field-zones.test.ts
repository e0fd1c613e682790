// Issue 14: the field app warns, offline, when a survey point lies inside an established
// quarantine zone of its cache.
import { describe, expect, it } from 'vitest';
import { establishedZonesAt, toFieldZone, zoneContains } from '../src/field/zones.js';
import type { CacheRow } from '../src/sync/db.js';

const square = (lon: number, lat: number, d: number) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];

function row(id: string, status: string, geometry: unknown): CacheRow {
  return { key: `zone:${id}`, kind: 'zone', id, version: 1, data: { name: `Zone ${id}`, status, organisms: ['ACLRGL'], geometry } };
}

describe('zones on the device', () => {
  const ring = toFieldZone(row('a', 'established', { type: 'Polygon', coordinates: [square(71.4, 51.1, 0.05), square(71.4, 51.1, 0.01)] }));
  const multi = toFieldZone(row('b', 'established', { type: 'MultiPolygon', coordinates: [[square(75, 45, 0.1)], [square(76, 45, 0.1)]] }));
  const proposed = toFieldZone(row('c', 'proposed', { type: 'Polygon', coordinates: [square(71.4, 51.1, 0.05)] }));
  const lifted = toFieldZone(row('d', 'lifted', { type: 'Polygon', coordinates: [square(71.4, 51.1, 0.05)] }));

  it('finds a point inside the outer ring and not in a hole or outside', () => {
    expect(zoneContains(ring, 71.43, 51.12)).toBe(true);
    expect(zoneContains(ring, 71.4, 51.1)).toBe(false);
    expect(zoneContains(ring, 71.5, 51.1)).toBe(false);
    expect(zoneContains(multi, 76.05, 45.02)).toBe(true);
    expect(zoneContains(multi, 75.5, 45)).toBe(false);
  });

  it('warns only of established zones', () => {
    const all = [ring, multi, proposed, lifted];
    expect(establishedZonesAt(all, 71.43, 51.12).map((z) => z.id)).toEqual(['a']);
    expect(establishedZonesAt(all, 71.4, 51.1)).toEqual([]);
    expect(establishedZonesAt(all, 60, 40)).toEqual([]);
  });

  it('keeps a zone with a geometry it cannot read harmless', () => {
    const odd = toFieldZone(row('e', 'established', { type: 'Point', coordinates: [71.4, 51.1] }));
    expect(odd.polygons).toEqual([]);
    expect(establishedZonesAt([odd], 71.4, 51.1)).toEqual([]);
  });
});
