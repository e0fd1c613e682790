// Objects in the portal (issue 15, R-OBJ-1, R-GEO-1): the history as a readable diff, an edit
// sending only what changed, and the drawn shape read back from the drawing library's features.
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../src/portal/object-history.js';
import { objectChange } from '../src/portal/object-edit.js';
import { boundsOf, geometryOf } from '../src/portal/map/draw.js';
import type { ObjectProps } from '../src/portal/objects.js';

const props = (over: Partial<ObjectProps> = {}): ObjectProps => ({
  organization_id: 'o1',
  type: 'field',
  name: 'Бидай алқабы',
  owner: null,
  kato: '711210000',
  crop: 'wheat_spring',
  status: 'active',
  area_ha: 12.5,
  notes: null,
  version: 3,
  created_at: '2026-06-01T00:00:00Z',
  updated_at: '2026-06-02T00:00:00Z',
  ...over,
});
const square = { type: 'Polygon', coordinates: [[[71.4, 51.1], [71.41, 51.1], [71.41, 51.11], [71.4, 51.11], [71.4, 51.1]]] };

describe('the version history as a diff (issue 15)', () => {
  it('names each changed field with its old and new value, and nothing that stayed', () => {
    const v1 = { geometry: square, properties: props({ version: 1 }) };
    const v2 = { geometry: square, properties: props({ version: 2, name: 'Арпа алқабы', crop: 'barley' }) };
    expect(diffVersions(v1, v2)).toEqual([
      { field: 'name', from: 'Бидай алқабы', to: 'Арпа алқабы' },
      { field: 'crop', from: 'wheat_spring', to: 'barley' },
    ]);
  });
  it('tells an archive by its status and a moved place by its shape and area', () => {
    const v1 = { geometry: square, properties: props() };
    const archived = { geometry: square, properties: props({ status: 'archived' }) };
    expect(diffVersions(v1, archived)).toEqual([{ field: 'status', from: 'active', to: 'archived' }]);
    const moved = { geometry: { type: 'Point', coordinates: [71.5, 51.2] }, properties: props({ area_ha: 0 }) };
    expect(diffVersions(v1, moved)).toEqual([{ field: 'geometry', from: 'Polygon, 12.50 ha', to: 'Point' }]);
  });
  it('shows the first version as everything it was made with', () => {
    const first = diffVersions(null, { geometry: square, properties: props({ version: 1 }) }).map((c) => c.field);
    expect(first).toEqual(['name', 'type', 'status', 'kato', 'crop', 'geometry']);
  });
});

describe('an edit sends only what changed (R-OBJ-1)', () => {
  const p = props();
  const form = { name: p.name, type: p.type, kato: p.kato ?? '', crop: p.crop ?? '', notes: '' };
  it('is just the version when nothing changed', () => {
    expect(objectChange(p, form, square as never, square)).toEqual({ version: 3 });
  });
  it('carries the changed fields, trimmed, a cleared unit, and a new geometry', () => {
    const point = { type: 'Point' as const, coordinates: [71.45, 51.15] as [number, number] };
    expect(objectChange(p, { ...form, name: '  Жаңа атау ', kato: '' }, point, square)).toEqual({ version: 3, name: 'Жаңа атау', kato: '', geometry: point });
  });
});

describe('the drawn shape (R-GEO-1)', () => {
  it('is the last finished point or polygon, rounded to 7 decimals', () => {
    const features = [
      { type: 'Feature' as const, geometry: { type: 'Point', coordinates: [71.123456789, 51.987654321] }, properties: { mode: 'point' } },
      { type: 'Feature' as const, geometry: { type: 'Polygon', coordinates: [[[1, 1]]] }, properties: { mode: 'polygon', currentlyDrawing: true } },
    ];
    expect(geometryOf(features)).toEqual({ type: 'Point', coordinates: [71.1234568, 51.9876543] });
    expect(geometryOf([])).toBeNull();
  });
  it('fits the map to the shape', () => {
    expect(boundsOf(square as never)).toEqual([
      [71.4, 51.1],
      [71.41, 51.11],
    ]);
  });
});

describe("a survey task's objects, inside the drawn area (R-SURV-2, issue 15)", async () => {
  const { inRing, matches, touchesArea } = await import('../src/portal/task-objects.js');
  const area = { type: 'Polygon' as const, coordinates: [[[71, 51], [72, 51], [72, 52], [71, 52], [71, 51]]] as Array<Array<[number, number]>> };
  const f = (name: string, geometry: { type: string; coordinates: unknown }) => ({ type: 'Feature' as const, id: name, geometry, properties: props({ name }) });
  it('keeps points inside and polygons with a corner inside, drops the rest', () => {
    expect(inRing([71.5, 51.5], area.coordinates[0] as Array<[number, number]>)).toBe(true);
    expect(touchesArea({ type: 'Point', coordinates: [71.5, 51.5] }, area)).toBe(true);
    expect(touchesArea({ type: 'Point', coordinates: [73, 51.5] }, area)).toBe(false);
    expect(touchesArea({ type: 'Polygon', coordinates: [[[71.9, 51.9], [72.5, 51.9], [72.5, 52.5], [71.9, 51.9]]] }, area)).toBe(true);
    expect(touchesArea(null, area)).toBe(false);
    expect(touchesArea(null, null)).toBe(true);
  });
  it('matches names whatever their case, in Kazakh too', () => {
    expect(matches(f('Бидай алқабы', { type: 'Point', coordinates: [71.5, 51.5] }), 'БИДАЙ', area)).toBe(true);
    expect(matches(f('Арпа', { type: 'Point', coordinates: [71.5, 51.5] }), 'бидай', area)).toBe(false);
    expect(matches(f('Арпа', { type: 'Point', coordinates: [75, 51.5] }), '', area)).toBe(false);
  });
});

describe('the import screen (R-GEO-1, issue 15)', async () => {
  const { boxOf, formatOf } = await import('../src/portal/import.js');
  it('names the format by the file name, and leaves the rest to the server', () => {
    expect(formatOf('Ошақтар.GeoJSON')).toBe('geojson');
    expect(formatOf('a.json')).toBe('geojson');
    expect(formatOf('b.kml')).toBe('kml');
    expect(formatOf('fields.zip')).toBe('shapefile');
    expect(formatOf('c.csv')).toBe('csv');
    expect(formatOf('d.xlsx')).toBeNull();
  });
  it('fits the preview map to every feature', () => {
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, id: 'a', geometry: { type: 'Point', coordinates: [71, 51] }, properties: props() },
        { type: 'Feature' as const, id: 'b', geometry: square, properties: props() },
      ],
    };
    expect(boxOf(fc)).toEqual([
      [71, 51],
      [71.41, 51.11],
    ]);
    expect(boxOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});
