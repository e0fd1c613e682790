/**
 * The region summary on the map (issue 13), for those who read reports: each region's
 * foci as a choropleth where boundaries are loaded, else as a circle at the centre of
 * its findings, under the tile layers; with the same numbers in a table for keyboard
 * and screen-reader users.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RegionSummary } from '../../api/types.js';
import { numberLocale, t } from '../../app/i18n-app.js';
import { api } from '../../app/session.js';
import { ErrorBox } from '../../app/ui.js';
import { ha } from '../dashboard/logic.js';
import type { MapLibre } from './maplibre.js';
import { REGIONS, legend, regionLayers, regionQuery } from './regions.js';
import { shown, type MapFilters } from './tiles.js';

const LAYER_IDS = ['regions-fill', 'regions-line', 'regions-circle'];

/** Draws `summary` under the tile layers, replacing what was drawn before. */
function draw(map: MapLibre, summary: RegionSummary | null): void {
  for (const id of LAYER_IDS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(REGIONS)) map.removeSource(REGIONS);
  if (!summary) return;
  map.addSource(REGIONS, { type: 'geojson', data: summary as never });
  const below = map.getLayer('zones-fill') ? 'zones-fill' : undefined;
  for (const layer of regionLayers(summary)) map.addLayer({ ...layer, source: REGIONS } as Parameters<MapLibre['addLayer']>[0], below);
}

export function RegionSummaryLayer({ map, ready, filters }: { map: MapLibre | null; ready: boolean; filters: MapFilters }) {
  const on = shown(filters, REGIONS);
  const query = regionQuery(filters);
  const key = JSON.stringify(query);
  const [summary, setSummary] = useState<RegionSummary | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (!ready || !map) return;
    if (!on) {
      draw(map, null);
      setSummary(null);
      return;
    }
    const ctl = new AbortController();
    api.get<RegionSummary>('/api/v1/reports/regions', { query, signal: ctl.signal }).then(
      (s) => {
        draw(map, s);
        setSummary(s);
        setError(undefined);
      },
      (e: unknown) => ctl.signal.aborted || setError(e),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, map, key, on]);

  if (!on) return null;
  const locale = numberLocale();
  const rows = [...(summary?.features ?? [])].sort((a, b) => b.properties.foci - a.properties.foci);
  return (
    <details class="card" data-testid="region-summary" data-boundaries={summary?.boundaries}>
      <summary>{t('portal-map-regions')}</summary>
      <ErrorBox error={error} />
      {summary ? (
        <>
          <p class="muted">{summary.boundaries > 0 ? t('portal-map-regions-choropleth') : t('portal-map-regions-symbols')}</p>
          <ul class="legend" aria-label={t('portal-map-regions-legend')}>
            {legend(summary).map((c) => (
              <li key={c.from}>
                <span class="swatch" style={{ background: c.colour }} aria-hidden="true" /> {t('portal-map-regions-from', { count: c.from })}
              </li>
            ))}
          </ul>
          <table>
            <caption>{t(summary.level === 'district' ? 'dash-by-district' : 'dash-by-region')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash-unit')}</th>
                <th scope="col">{t('dash-kato')}</th>
                <th scope="col">{t('dash-foci')}</th>
                <th scope="col">{t('dash-infested')}</th>
                <th scope="col">{t('dash-surveyed')}</th>
                <th scope="col">{t('portal-map-regions-shape')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr key={f.id} data-kato={f.id}>
                  <th scope="row">{f.properties.name}</th>
                  <td>{f.id}</td>
                  <td>{f.properties.foci}</td>
                  <td>{ha(f.properties.infested_ha, locale)}</td>
                  <td>{ha(f.properties.surveyed_ha, locale)}</td>
                  <td>{t(`portal-map-regions-shape-${f.properties.shape}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.unplaced.foci > 0 ? <p class="muted">{t('portal-map-regions-unplaced', { count: summary.unplaced.foci })}</p> : null}
        </>
      ) : (
        <p>{t('portal-loading')}</p>
      )}
    </details>
  );
}
