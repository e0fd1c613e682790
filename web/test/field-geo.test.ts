// The offline base map's rules and typed coordinates (R-MOB-1, R-MOB-3).
import { describe, expect, it } from 'vitest';
import { parseCoordinates, readPosition, FixError } from '../src/field/geo.js';
import { bboxOf, bulkAllowed, tileUrls } from '../src/field/tiles.js';

describe('offline base map', () => {
  it('bulk caching only when the server permits it, and never from tile.openstreetmap.org', () => {
    const osm = { tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OSM', max_zoom: 19 };
    expect(bulkAllowed(osm)).toBe(false);
    expect(bulkAllowed({ ...osm, offline_bulk: true })).toBe(false);
    expect(bulkAllowed({ ...osm, tile_url: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', offline_bulk: true })).toBe(false);
    const own = { tile_url: 'https://tiles.fito.gov.kz/{z}/{x}/{y}.png', attribution: 'КФБ', max_zoom: 18 };
    expect(bulkAllowed(own)).toBe(false);
    expect(bulkAllowed({ ...own, offline_bulk: true })).toBe(true);
    expect(bulkAllowed({ ...own, tile_url: '/tiles/{z}/{x}/{y}.png', offline_bulk: true })).toBe(true);
  });

  it('lists the tiles of a district, zoom by zoom, within the source maximum', () => {
    const own = { tile_url: 'https://{s}.t.example/{z}/{x}/{y}.png', subdomains: ['a', 'b'], attribution: '', max_zoom: 11, offline_bulk: true };
    const bbox = bboxOf([[76.9, 43.25], [76.95, 43.3]], 0)!;
    const urls = tileUrls(own, bbox, 10, 16);
    expect(urls.every((u) => /^https:\/\/[ab]\.t\.example\/1[01]\/\d+\/\d+\.png$/.test(u))).toBe(true);
    expect(urls.some((u) => u.includes('/10/'))).toBe(true);
    expect(urls.some((u) => u.includes('/12/'))).toBe(false);
    // Almaty at zoom 10 is tile x=730, y=375 (slippy-map tile formula).
    expect(urls.filter((u) => u.includes('/10/'))).toEqual(['https://b.t.example/10/730/375.png']);
  });
});

describe('position', () => {
  it('typed coordinates: latitude, longitude in range', () => {
    expect(parseCoordinates('43.238949, 76.889709')).toEqual({ lat: 43.238949, lon: 76.889709 });
    expect(parseCoordinates('43.2 76.8')).toEqual({ lat: 43.2, lon: 76.8 });
    expect(parseCoordinates('95, 76')).toBeNull();
    expect(parseCoordinates('abc')).toBeNull();
    expect(parseCoordinates('1, 2, 3')).toBeNull();
  });

  it('R-MOB-3: one reading with getCurrentPosition, never watchPosition; a refusal is a typed answer', async () => {
    const calls: string[] = [];
    const geolocation = {
      getCurrentPosition(ok: PositionCallback, _fail: PositionErrorCallback) {
        calls.push('get');
        ok({ coords: { latitude: 43.123456789, longitude: 76.9, accuracy: 7.44 }, timestamp: Date.parse('2026-06-01T08:00:00Z') } as GeolocationPosition);
      },
      watchPosition() {
        calls.push('watch');
        return 0;
      },
      clearWatch() {},
    };
    const saved = globalThis.navigator;
    Object.defineProperty(globalThis, 'navigator', { value: { geolocation }, configurable: true });
    try {
      expect(calls).toEqual([]); // nothing before the press
      expect(await readPosition()).toEqual({ lat: 43.1234568, lon: 76.9, accuracy_m: 7.4, fixed_at: '2026-06-01T08:00:00.000Z' });
      expect(calls).toEqual(['get']);
      geolocation.getCurrentPosition = (_ok: PositionCallback, fail: PositionErrorCallback) => {
        fail({ code: 1, message: 'denied' } as GeolocationPositionError);
      };
      await expect(readPosition()).rejects.toEqual(new FixError('denied'));
    } finally {
      Object.defineProperty(globalThis, 'navigator', { value: saved, configurable: true });
    }
  });

  it('R-MOB-3: the field code never watches the position', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '..', 'src');
    const all = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(d, e.name)) : [join(d, e.name)]));
    for (const f of all(dir)) expect(readFileSync(f, 'utf8'), f).not.toMatch(/watchPosition\s*\(/);
  });
});
