/**
 * MapLibre GL JS, loaded only by the map screens (its own chunk, with its worker and CSS),
 * so the first load of the app stays small.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { mapSettings, tileUrls, type MapSettings } from './config.js';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
export type MapLibre = maplibregl.Map;

/**
 * Starts what a first map waits on besides its tiles: MapLibre's worker (it loads and
 * compiles a script of its own) and the map settings.
 */
export function warmMap(): Promise<unknown> {
  if (typeof Worker === 'function') maplibregl.prewarm();
  return mapSettings();
}

/**
 * Calls `drawn` once the tiles of `sources` in view are loaded, a frame has shown them
 * and the map is still; again after each move, and after new tiles of those sources
 * (`loading` is called when they are asked). MapLibre's own `load` and `idle` wait for
 * every source, the base map too: another server's, which may answer late or never.
 */
export function onTilesDrawn(map: maplibregl.Map, sources: readonly string[], on: { loading?: () => void; drawn: () => void }): void {
  let waiting = true;
  map.on('movestart', () => {
    waiting = true;
  });
  map.on('dataloading', (e) => {
    const id = (e as { sourceId?: string }).sourceId;
    if (id && sources.includes(id)) {
      waiting = true;
      on.loading?.();
    }
  });
  // After each frame and when a move ends; `idle` is the fallback.
  const check = () => {
    if (!waiting || map.isMoving() || !sources.every((id) => map.getSource(id) && map.isSourceLoaded(id))) return;
    waiting = false;
    on.drawn();
  };
  map.on('render', check);
  map.on('moveend', check);
  map.on('idle', check);
}

/** Kazakhstan, roughly. */
export const KZ_BOUNDS: [[number, number], [number, number]] = [
  [46.5, 40.5],
  [87.5, 55.5],
];

/** Sources and layers drawn over the base map from the start. */
export interface Overlay {
  sources: Record<string, maplibregl.SourceSpecification>;
  layers: maplibregl.LayerSpecification[];
}

/**
 * A map of Kazakhstan over the configured base map. An overlay given here is part of
 * the first style, so its tiles are asked at once rather than after the base map's
 * first tiles have loaded (the `load` event).
 */
export function createMap(container: HTMLElement, settings: MapSettings, label: string, overlay?: Overlay): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        base: {
          type: 'raster',
          tiles: tileUrls(settings),
          tileSize: 256,
          maxzoom: settings.max_zoom,
          attribution: settings.attribution,
        },
        ...overlay?.sources,
      },
      layers: [{ id: 'base', type: 'raster', source: 'base' }, ...(overlay?.layers ?? [])],
    },
    bounds: KZ_BOUNDS,
    maxZoom: Math.max(settings.max_zoom, 18),
    attributionControl: { compact: false },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', label);
  return map;
}
