/**
 * The national map (R-GEO-1, issue 16): objects, findings and quarantine zones drawn
 * from the server's vector tiles, so the whole register shows at every zoom without
 * loading it: below zoom 12 the tiles hold counts per cell, from zoom 12 every
 * feature with its id (a click opens the object). Filters by type, status, organism,
 * period, finding category and zone status go into the tile URLs. A list of the
 * objects drawn in view sits under the map for keyboard and screen-reader users.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../app/i18n-app.js';
import type { ScreenProps } from '../../app/registry.js';
import { href, navigate } from '../../app/router.js';
import { api, hasRole } from '../../app/session.js';
import { ErrorBox, PageTitle } from '../../app/ui.js';
import type { Feature } from '../objects.js';
import { anchorOf, mapSettings } from './config.js';
import { MapFilterForm } from './filters.js';
import { RegionSummaryLayer } from './region-summary.js';
import { createMap, onTilesDrawn, type MapLibre, type Overlay } from './maplibre.js';
import { STACK, STYLE } from './style.js';
import { DETAIL_ZOOM, LAYERS, mapFiltersFrom, opens, shown, summarise, tileUrl, type Listed, type MapFilters } from './tiles.js';

export { warmMap as warm } from './maplibre.js';

const OBJECT_LAYERS = STYLE.objects.map((l) => l.id as string);

/** The tile layers' sources and style layers for these filters, bottom to top. */
function tileOverlay(f: MapFilters): Overlay {
  const sources: Overlay['sources'] = {};
  const layers: Overlay['layers'] = [];
  for (const layer of STACK) {
    sources[layer] = { type: 'vector', tiles: [tileUrl(location.origin, layer, f)], minzoom: 0, maxzoom: 14 };
    for (const style of STYLE[layer]) {
      layers.push({ ...style, source: layer, 'source-layer': layer, layout: { visibility: shown(f, layer) ? 'visible' : 'none' } } as never);
    }
  }
  return { sources, layers };
}

/** A click on a drawn feature opens its page; the pointer shows what can be clicked. */
function linkFeatures(map: MapLibre): void {
  for (const layer of LAYERS) {
    for (const style of STYLE[layer]) {
      map.on('click', style.id as string, (e: { features?: Array<{ properties: Record<string, unknown> }> }) => {
        const to = e.features?.[0] ? opens(layer, e.features[0].properties) : null;
        if (to) navigate(to);
      });
      map.on('mouseenter', style.id as string, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', style.id as string, () => (map.getCanvas().style.cursor = ''));
    }
  }
}

/**
 * Points the sources at the tiles of these filters and shows the layers switched on.
 * A source already on them is left alone: setting its tiles again reloads every tile.
 */
function applyFilters(map: MapLibre, f: MapFilters): void {
  for (const layer of LAYERS) {
    const src = map.getSource(layer) as { tiles?: string[]; setTiles?(t: string[]): void } | undefined;
    const url = tileUrl(location.origin, layer, f);
    if (src?.tiles?.[0] !== url) src?.setTiles?.([url]);
    for (const style of STYLE[layer]) map.setLayoutProperty(style.id as string, 'visibility', shown(f, layer) ? 'visible' : 'none');
  }
}

export default function RegisterMap({ query }: ScreenProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [view, setView] = useState<{ count: number; listed: Listed[]; detail: boolean } | null>(null);
  const [loading, setLoading] = useState(true);
  /** How many times every tile of ours in view was drawn (benchmarks and tests wait on it). */
  const [idles, setIdles] = useState(0);
  const filters = mapFiltersFrom(query);
  const key = JSON.stringify(filters);
  const focus = query.get('focus');

  useEffect(() => {
    let map: MapLibre | null = null;
    let live = true;
    mapSettings()
      .then((settings) => {
        if (!live || !box.current) return;
        const asked = mapFiltersFrom(new URLSearchParams(location.hash.split('?')[1] ?? ''));
        map = createMap(box.current, settings, t('portal-map-label'), tileOverlay(asked));
        mapRef.current = map;
        const m = map;
        m.on('error', (e) => {
          const status = (e as { error?: { status?: number } }).error?.status;
          if (status) setError(new Error(`${t('portal-map')}: ${status}`));
        });
        // Once the tile layers in view are drawn: what the objects layer shows, for the
        // list. The region summary shows its own loading in its card.
        onTilesDrawn(m, LAYERS, {
          loading: () => setLoading(true),
          drawn: () => {
            const drawn = m.queryRenderedFeatures({ layers: OBJECT_LAYERS.filter((id) => m.getLayoutProperty(id, 'visibility') !== 'none') });
            setView({ ...summarise(drawn as never), detail: m.getZoom() >= DETAIL_ZOOM });
            setLoading(false);
            setIdles((n) => n + 1);
          },
        });
        // The style is in place (its sources and layers, not yet their tiles).
        m.once('style.load', () => {
          linkFeatures(m);
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
    if (ready && map) applyFilters(map, filters);
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

  const table = { type: filters.type, status: filters.status, organism: filters.organism };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-map')}>
        <div class="actions">
          <a class="button" href={href('/objects', table)}>
            {t('portal-view-table')}
          </a>
          {hasRole('inspector', 'operator') ? (
            <a class="button primary" href="#/objects/new">
              {t('portal-object-new')}
            </a>
          ) : null}
        </div>
      </PageTitle>
      <MapFilterForm filters={filters} />
      <ErrorBox error={error} />
      <div ref={box} class="map" role="region" aria-label={t('portal-map-label')} data-testid="register-map" data-idle={loading ? undefined : 'yes'} data-idles={idles} />
      <p role="status" aria-live="polite" class="muted">
        {loading || !view ? t('portal-loading') : t('portal-map-in-view', { count: view.count })}
        {view && !view.detail && !loading ? ` ${t('portal-map-too-many')}` : ''}
      </p>
      {hasRole('head', 'administrator') ? <RegionSummaryLayer map={mapRef.current} ready={ready} filters={filters} /> : null}
      <details>
        <summary>{t('portal-map-list')}</summary>
        <ul data-testid="map-list">
          {(view?.listed ?? []).slice(0, 200).map((f) => (
            <li key={f.id}>
              <a href={`#/objects/${f.id}`}>{f.name}</a>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
