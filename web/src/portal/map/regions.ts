/**
 * The region summary of the findings map (issue 13): the Head's numbers by region as
 * GeoJSON from `GET /api/v1/reports/regions`, drawn as a choropleth where boundaries
 * are loaded and as circles sized by the number of foci where not. Pure helpers, so
 * they are tested without a browser.
 */
import type { RegionSummary } from '../../api/types.js';
import type { MapFilters } from './tiles.js';

/** The one switch of the summary in the map's `hide` list. */
export const REGIONS = 'regions' as const;

/** The report's query for the map's filters: the map's `to` is exclusive, a report's inclusive. */
export function regionQuery(f: MapFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.from) q.from = f.from;
  if (f.to) {
    const day = new Date(`${f.to}T00:00:00Z`);
    if (!Number.isNaN(day.getTime())) {
      day.setUTCDate(day.getUTCDate() - 1);
      q.to = day.toISOString().slice(0, 10);
    }
  }
  if (f.organism) q.organism = f.organism;
  if (f.category) q.category = f.category;
  return q;
}

/** The class bounds of the colour scale: quarters of the largest count of foci. */
export function classes(summary: RegionSummary): number[] {
  const max = Math.max(0, ...summary.features.map((f) => f.properties.foci));
  if (max <= 4) return [1, 2, 3, 4].filter((n) => n <= Math.max(max, 1));
  return [1, Math.ceil(max / 4), Math.ceil(max / 2), Math.ceil((3 * max) / 4)];
}

const SCALE = ['#fde4c8', '#f4a261', '#d9622b', '#8c2d04'];
const ZERO = '#f2f2f2';

/** The colour of class `i` (the darkest for any past the scale). */
function shade(i: number): string {
  return SCALE[Math.min(i, SCALE.length - 1)] ?? ZERO;
}

/** The MapLibre colour expression of the scale. */
function colour(bounds: number[]): unknown[] {
  const steps: unknown[] = ['step', ['get', 'foci'], ZERO];
  bounds.forEach((b, i) => steps.push(b, shade(i)));
  return steps;
}

/** The style layers of the summary, bottom to top, for the source `regions`. */
export function regionLayers(summary: RegionSummary): Array<Record<string, unknown>> {
  const c = colour(classes(summary));
  const polygon = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
  const max = Math.max(1, ...summary.features.map((f) => f.properties.foci));
  return [
    { id: 'regions-fill', type: 'fill', filter: polygon, paint: { 'fill-color': c, 'fill-opacity': 0.55 } },
    { id: 'regions-line', type: 'line', filter: polygon, paint: { 'line-color': '#6b4423', 'line-width': 1 } },
    {
      id: 'regions-circle',
      type: 'circle',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': c,
        // Area proportional to the count: the radius grows with its square root.
        'circle-radius': ['*', 28, ['sqrt', ['/', ['get', 'foci'], max]]],
        'circle-opacity': 0.75,
        'circle-stroke-color': '#6b4423',
        'circle-stroke-width': 1,
      },
    },
  ];
}

/** The legend: each class with its colour, from its lower bound. */
export function legend(summary: RegionSummary): Array<{ from: number; colour: string }> {
  return classes(summary).map((from, i) => ({ from, colour: shade(i) }));
}
