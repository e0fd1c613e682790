/** How the tile layers are drawn (portal and field maps): counts as circles, shapes and points coloured by quarantine and zone status. */
import type { Layer } from './tiles.js';

const DRAWN = ['!', ['has', 'count']];
const COUNTED = ['has', 'count'];
const POLYGON = ['==', ['geometry-type'], 'Polygon'];
const POINT = ['==', ['geometry-type'], 'Point'];
const RED = '#b3432f';
const AMBER = '#d9a21b';
const GREEN = '#1d5e3a';

/** The tile layers as the maps stack them, bottom to top. */
export const STACK: readonly Layer[] = ['zones', 'objects', 'findings'];

/** The style layers of each tile layer, bottom to top. */
export const STYLE: Record<Layer, Array<Record<string, unknown>>> = {
  zones: [
    { id: 'zones-fill', type: 'fill', filter: ['all', DRAWN, POLYGON], paint: { 'fill-color': ['match', ['get', 'status'], 'established', RED, 'proposed', AMBER, 'lifted', '#4f9d69', '#888888'], 'fill-opacity': 0.15 } },
    { id: 'zones-line', type: 'line', filter: ['all', DRAWN, POLYGON], paint: { 'line-color': ['match', ['get', 'status'], 'established', RED, 'proposed', AMBER, 'lifted', '#4f9d69', '#888888'], 'line-width': 2 } },
    { id: 'zones-count', type: 'circle', filter: COUNTED, paint: { 'circle-color': RED, 'circle-opacity': 0.3, 'circle-radius': 8 } },
  ],
  objects: [
    { id: 'objects-fill', type: 'fill', filter: ['all', DRAWN, POLYGON], paint: { 'fill-color': ['case', ['==', ['get', 'quarantine'], true], RED, GREEN], 'fill-opacity': 0.25 } },
    { id: 'objects-line', type: 'line', filter: ['all', DRAWN, POLYGON], paint: { 'line-color': GREEN, 'line-width': 1.5 } },
    { id: 'objects-point', type: 'circle', filter: ['all', DRAWN, POINT], paint: { 'circle-color': ['case', ['==', ['get', 'quarantine'], true], RED, GREEN], 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
    {
      id: 'objects-count',
      type: 'circle',
      filter: COUNTED,
      paint: {
        'circle-color': ['step', ['get', 'count'], '#4f9d69', 100, AMBER, 1000, '#8a5a12'],
        'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 1, 3, 100, 8, 10000, 16],
        'circle-opacity': 0.8,
      },
    },
  ],
  findings: [
    { id: 'findings-point', type: 'circle', filter: DRAWN, paint: { 'circle-color': ['case', ['==', ['get', 'quarantine'], true], RED, AMBER], 'circle-radius': 4, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
    { id: 'findings-count', type: 'circle', filter: COUNTED, paint: { 'circle-color': ['case', ['>', ['coalesce', ['get', 'quarantine_count'], 0], 0], RED, AMBER], 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
  ],
};

