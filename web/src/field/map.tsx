/**
 * A small MapLibre map for field work: the base map from the server's tile settings, the
 * objects and points on top, and (when `onPick` is given) a tap places a point by hand —
 * the way to record when the position cannot be read. Loaded only on the screens that show it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import { api, user } from '../app/session.js';
import { online } from './runtime.js';
import { bulkAllowed, savedTileCount, type MapSettings } from './tiles.js';

const SETTINGS_KEY = 'fito.map-settings';
const FALLBACK: MapSettings = {
  tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
  max_zoom: 19,
};

/** The server's map settings (remembered for offline starts). */
export async function mapSettings(): Promise<MapSettings> {
  try {
    const s = await api.get<MapSettings>('/api/v1/config/map');
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
    return s;
  } catch {
    try {
      const s = localStorage.getItem(SETTINGS_KEY);
      if (s) return JSON.parse(s) as MapSettings;
    } catch {
      /* fall through */
    }
    return FALLBACK;
  }
}

let protocolAdded = false;

export interface MapFeature {
  lon: number;
  lat: number;
  label: string;
  kind: 'object' | 'point';
}

export function FieldMap({ features, onPick, center }: { features: MapFeature[]; onPick?: (lon: number, lat: number) => void; center?: [number, number] }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<number | undefined>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;
  const shown = useRef(features);
  shown.current = features;

  useEffect(() => {
    let cancelled = false;
    let map: { remove(): void } | null = null;
    void (async () => {
      // The portal's MapLibre module: the library, its worker URL and its CSS, in one chunk.
      const [settings, { maplibregl: maplibre, onTilesDrawn }, { STACK, STYLE }, { loadTile }] = await Promise.all([
        mapSettings(),
        import('../portal/map/maplibre.js'),
        import('../portal/map/style.js'),
        import('./offline-tiles.js'),
      ]);
      if (cancelled || !el.current) return;
      // Objects, findings and zones from the tiles kept on the device (issue 16).
      if (!protocolAdded) {
        protocolAdded = true;
        maplibre.addProtocol('fitotile', async (params) => ({ data: await loadTile(user.value?.id ?? '', params.url, online.value) }));
      }
      const offlineTiles = bulkAllowed(settings) && (await savedTileCount()) > 0;
      if (!online.value && !offlineTiles) setNote(t('field-map-needs-connection'));
      const subs = settings.subdomains && settings.subdomains.length > 0 ? settings.subdomains : null;
      const tiles = subs ? subs.map((s) => settings.tile_url.replace('{s}', s)) : [settings.tile_url];
      const first = features[0];
      // Objects, findings and zones from the kept tiles, and the screen's own points, are
      // part of the first style: added on `load` they waited for the base map's tiles,
      // which on a poor connection may never come.
      const sources: Record<string, unknown> = {
        base: { type: 'raster', tiles, tileSize: 256, attribution: settings.attribution, maxzoom: settings.max_zoom },
        field: { type: 'geojson', data: toGeoJson(shown.current) },
      };
      const layers: unknown[] = [
        { id: 'bg', type: 'background', paint: { 'background-color': '#e8efe9' } },
        { id: 'base', type: 'raster', source: 'base' },
      ];
      for (const layer of STACK) {
        sources[layer] = { type: 'vector', tiles: [`fitotile://${layer}/{z}/{x}/{y}`], minzoom: 8, maxzoom: 14 };
        for (const style of STYLE[layer]) layers.push({ ...style, source: layer, 'source-layer': layer });
      }
      layers.push({
        id: 'field',
        type: 'circle',
        source: 'field',
        paint: {
          'circle-radius': 7,
          'circle-color': ['match', ['get', 'kind'], 'point', '#b35900', '#1d5e3a'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      const m = new maplibre.Map({
        container: el.current,
        style: { version: 8, sources, layers } as never,
        center: center ?? (first ? [first.lon, first.lat] : [71.45, 51.17]),
        zoom: first || center ? 14 : 5,
        attributionControl: { compact: true },
      });
      map = m;
      mapRef.current = m;
      // Points added while the style loaded.
      m.once('style.load', () => (m.getSource('field') as { setData(d: unknown): void } | undefined)?.setData(toGeoJson(shown.current)));
      // How many kept-tile features the map shows once their tiles in view are drawn
      // (tests read it; the base map is not waited for).
      const tileLayers = STACK.flatMap((l) => STYLE[l].map((s) => s.id as string));
      onTilesDrawn(m, STACK, { drawn: () => setDrawn(m.queryRenderedFeatures({ layers: tileLayers }).length) });
      m.on('click', (e) => pick.current?.(round(e.lngLat.lng), round(e.lngLat.lat)));
    })().catch(() => setNote(t('field-map-failed')));
    return () => {
      cancelled = true;
      map?.remove();
    };
    // The map is made once; features update below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = mapRef.current as { getSource(id: string): { setData(d: unknown): void } | undefined } | null;
    m?.getSource('field')?.setData(toGeoJson(features));
  }, [features]);

  return (
    <div>
      {note ? <p class="muted" role="note">{note}</p> : null}
      <div ref={el} class="map map-small" role="application" aria-label={onPick ? t('field-map-pick-label') : t('field-map-label')} data-drawn={drawn} />
    </div>
  );
}

function toGeoJson(features: MapFeature[]) {
  return {
    type: 'FeatureCollection' as const,
    features: features.map((f) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [f.lon, f.lat] },
      properties: { label: f.label, kind: f.kind },
    })),
  };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
