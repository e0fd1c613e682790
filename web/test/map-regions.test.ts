/** The region summary of the map (issue 13): its query, colour classes and layers. */
import { describe, expect, it } from 'vitest';
import type { RegionSummary } from '../src/api/types.js';
import { classes, legend, regionLayers, regionQuery } from '../src/portal/map/regions.js';

function summary(foci: number[], shape: 'boundary' | 'centre' = 'centre'): RegionSummary {
  return {
    type: 'FeatureCollection',
    level: 'region',
    boundaries: shape === 'boundary' ? foci.length : 0,
    unplaced: { foci: 0, surveyed_ha: 0, infested_ha: 0 },
    features: foci.map((n, i) => ({
      type: 'Feature',
      id: `${11 + i}0000000`,
      geometry: { type: 'Point', coordinates: [70 + i, 50] },
      properties: { kato: `${11 + i}0000000`, region_kato: null, name: `R${i}`, foci: n, surveyed_ha: n, infested_ha: n, shape },
    })),
  };
}

describe('issue 13: the region summary on the map', () => {
  it('asks the report for the map filters, its exclusive end made inclusive', () => {
    expect(regionQuery({ from: '2026-01-01', to: '2026-03-01', organism: 'ACLRGL', type: 'field', category: 'quarantine' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-28',
      organism: 'ACLRGL',
      category: 'quarantine',
    });
    expect(regionQuery({ to: '2024-03-01' })).toEqual({ to: '2024-02-29' });
    expect(regionQuery({})).toEqual({});
  });

  it('splits the counts into quarters of the largest, small counts one by one', () => {
    expect(classes(summary([100, 3, 40]))).toEqual([1, 25, 50, 75]);
    expect(classes(summary([2, 1]))).toEqual([1, 2]);
    expect(classes(summary([]))).toEqual([1]);
    expect(legend(summary([100])).map((c) => c.from)).toEqual([1, 25, 50, 75]);
    const colours = legend(summary([100])).map((c) => c.colour);
    expect(new Set(colours).size).toBe(4);
  });

  it('fills boundaries and sizes circles by the count, the largest 28 px', () => {
    const layers = regionLayers(summary([100, 25]));
    expect(layers.map((l) => l.type)).toEqual(['fill', 'line', 'circle']);
    const radius = (layers[2]?.paint as Record<string, unknown>)['circle-radius'];
    expect(JSON.stringify(radius)).toContain('["/",["get","foci"],100]');
  });
});
