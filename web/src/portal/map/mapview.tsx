/**
 * The register on the map (R-GEO-1). Objects of the visible box are read page by page
 * from `GET /api/v1/objects?bbox=…` (the server's bounding-box index) and drawn as
 * clustered points (a GeoJSON source with cluster:true) with their shapes from zoom 11,
 * so a view holding 100,000 objects stays fluid. A list of what is in view sits under
 * the map for keyboard and screen-reader users.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../app/i18n-app.js';
import type { ScreenProps } from '../../app/registry.js';
import { href, navigate } from '../../app/router.js';
import { api, hasRole } from '../../app/session.js';
import { ErrorBox, PageTitle } from '../../app/ui.js';
import { filtersFrom, nextCursor, RegisterFilters, type Feature, type FeatureCollection } from '../objects.js';
import { anchorOf, mapSettings } from './config.js';
import { createMap, type MapLibre } from './maplibre.js';

const PAGE = 5000;
/** Beyond this many objects in view the user is asked to zoom in (the clusters still show them). */
const CAP = 100_000;

function emptyFc(): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

function addRegisterLayers(map: MapLibre): void {
  map.addSource('shapes', { type: 'geojson', data: emptyFc() });
  map.addSource('points', { type: 'geojson', data: emptyFc(), cluster: true, clusterMaxZoom: 12, clusterRadius: 50 });
  map.addLayer({ id: 'shape-fill', type: 'fill', source: 'shapes', minzoom: 11, paint: { 'fill-color': '#1d5e3a', 'fill-opacity': 0.25 } });
  map.addLayer({ id: 'shape-line', type: 'line', source: 'shapes', minzoom: 11, paint: { 'line-color': '#1d5e3a', 'line-width': 2 } });
  map.addLayer({
    id: 'clusters',
    type: 'circle',
    source: 'points',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['step', ['get', 'point_count'], '#4f9d69', 100, '#d9a21b', 1000, '#b3432f'],
      'circle-radius': ['step', ['get', 'point_count'], 14, 100, 20, 1000, 28],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'object-points',
    type: 'circle',
    source: 'points',
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': '#1d5e3a', 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
}

/** Splits the API's features into clustered anchor points and polygon shapes. */
export function toSources(features: Feature[]): { points: GeoJSON.FeatureCollection; shapes: GeoJSON.FeatureCollection } {
  const points: GeoJSON.Feature[] = [];
  const shapes: GeoJSON.Feature[] = [];
  for (const f of features) {
    const a = anchorOf(f.geometry);
    if (!a) continue;
    const props = { id: f.id, name: f.properties.name };
    points.push({ type: 'Feature', id: undefined, properties: props, geometry: { type: 'Point', coordinates: a } });
    if (f.geometry && f.geometry.type !== 'Point') {
      shapes.push({ type: 'Feature', properties: props, geometry: f.geometry as GeoJSON.Geometry });
    }
  }
  return {
    points: { type: 'FeatureCollection', features: points },
    shapes: { type: 'FeatureCollection', features: shapes },
  };
}

export default function RegisterMap({ query }: ScreenProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [inView, setInView] = useState<Feature[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const filters = filtersFrom(query);
  const key = JSON.stringify(filters);
  const focus = query.get('focus');

  useEffect(() => {
    let map: MapLibre | null = null;
    let live = true;
    mapSettings()
      .then((settings) => {
        if (!live || !box.current) return;
        map = createMap(box.current, settings, t('portal-map-label'));
        mapRef.current = map;
        map.on('load', () => {
          if (!map) return;
          addRegisterLayers(map);
          const open = (e: { features?: Array<{ properties: Record<string, unknown> }> }) => {
            const id = e.features?.[0]?.properties.id;
            if (typeof id === 'string') navigate(`/objects/${id}`);
          };
          map.on('click', 'object-points', open);
          map.on('click', 'shape-fill', open);
          map.on('click', 'clusters', (e) => {
            map?.easeTo({ center: e.lngLat, zoom: (map?.getZoom() ?? 5) + 2 });
          });
          for (const layer of ['object-points', 'shape-fill', 'clusters']) {
            map.on('mouseenter', layer, () => map && (map.getCanvas().style.cursor = 'pointer'));
            map.on('mouseleave', layer, () => map && (map.getCanvas().style.cursor = ''));
          }
          setReady(true);
        });
      })
      .catch((e: unknown) => setError(e));
    return () => {
      live = false;
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    let ctl: AbortController | null = null;
    const load = async () => {
      ctl?.abort();
      const mine = new AbortController();
      ctl = mine;
      const b = map.getBounds();
      const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
      const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
        .map((v) => v.toFixed(6))
        .join(',');
      const all: Feature[] = [];
      let after: string | undefined;
      setLoading(true);
      try {
        for (;;) {
          const fc = await api.get<FeatureCollection>('/api/v1/objects', {
            query: { ...filters, bbox, limit: PAGE, after },
            signal: mine.signal,
          });
          all.push(...fc.features);
          after = nextCursor(fc);
          const src = toSources(all);
          (map.getSource('points') as { setData(d: unknown): void } | undefined)?.setData(src.points);
          (map.getSource('shapes') as { setData(d: unknown): void } | undefined)?.setData(src.shapes);
          if (!after || all.length >= CAP) break;
        }
        if (!mine.signal.aborted) {
          setInView(all);
          setMore(!!after);
          setError(undefined);
        }
      } catch (e) {
        if (!mine.signal.aborted) setError(e);
      } finally {
        if (!mine.signal.aborted) setLoading(false);
      }
    };
    map.on('moveend', load);
    void load();
    return () => {
      ctl?.abort();
      map.off('moveend', load);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, key]);

  // `?focus=<id>`: fly to that object once it is known.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    api.get<Feature>(`/api/v1/objects/${encodeURIComponent(focus)}`).then(
      (f) => {
        const a = anchorOf(f.geometry);
        if (a) map.jumpTo({ center: a, zoom: 14 });
      },
      () => undefined,
    );
  }, [ready, focus]);

  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-map')}>
        <div class="actions">
          <a class="button" href={href('/objects', filters)}>
            {t('portal-view-table')}
          </a>
          {hasRole('inspector', 'operator') ? (
            <a class="button primary" href="#/objects/new">
              {t('portal-object-new')}
            </a>
          ) : null}
        </div>
      </PageTitle>
      <RegisterFilters path="/map" query={query} />
      <ErrorBox error={error} />
      <div ref={box} class="map" role="region" aria-label={t('portal-map-label')} data-testid="register-map" />
      <p role="status" aria-live="polite" class="muted">
        {loading ? t('portal-loading') : t('portal-map-in-view', { count: inView.length })}
        {more ? ` ${t('portal-map-too-many')}` : ''}
      </p>
      <details>
        <summary>{t('portal-map-list')}</summary>
        <ul data-testid="map-list">
          {inView.slice(0, 200).map((f) => (
            <li key={f.id}>
              <a href={`#/objects/${f.id}`}>{f.properties.name}</a>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
