/**
 * Importing objects from a GIS file (R-GEO-1, R-OBJ-1, issue 15): choose a GeoJSON, KML, zipped
 * Shapefile or CSV file; the server checks it without writing and answers the first objects (shown
 * on the map) and every feature it would refuse, with the reason; then the import itself — all or
 * nothing, as the server does it — with the upload's progress.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href } from '../app/router.js';
import { send } from './upload.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';
import { mapSettings } from './map/config.js';
import type { MapLibre } from './map/maplibre.js';
import { boundsOf, type Geometry } from './map/draw.js';
import { useReference, type FeatureCollection } from './objects.js';

export interface Refusal {
  feature: string | null;
  line: string | null;
  code: string | null;
  message: string;
}
export interface Preview {
  format: string;
  features: number;
  sample: FeatureCollection;
  refusals: Refusal[];
  refusals_total: number;
  repairs_total: number;
  ignored_properties: string[];
}

/** The format by the file's name, for the server (it also checks the content). */
export function formatOf(name: string): string | null {
  const n = name.toLowerCase();
  if (n.endsWith('.geojson') || n.endsWith('.json')) return 'geojson';
  if (n.endsWith('.kml')) return 'kml';
  if (n.endsWith('.zip')) return 'shapefile';
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  return null;
}

/** The box around every geometry of a collection, or null for none. */
export function boxOf(fc: FeatureCollection): [[number, number], [number, number]] | null {
  let box: [[number, number], [number, number]] | null = null;
  for (const f of fc.features) {
    if (!f.geometry || (f.geometry.type !== 'Point' && f.geometry.type !== 'Polygon')) continue;
    const [[w, s], [e, n]] = boundsOf(f.geometry as Geometry);
    box = box ? [[Math.min(box[0][0], w), Math.min(box[0][1], s)], [Math.max(box[1][0], e), Math.max(box[1][1], n)]] : [[w, s], [e, n]];
  }
  return box;
}

function PreviewMap({ sample }: { sample: FeatureCollection }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let map: MapLibre | null = null;
    let live = true;
    Promise.all([mapSettings(), import('./map/maplibre.js')]).then(([settings, lib]) => {
      if (!live || !box.current) return;
      map = lib.createMap(box.current, settings, t('portal-import-map'));
      map.on('load', () => {
        if (!map) return;
        map.addSource('preview', { type: 'geojson', data: sample as unknown as GeoJSON.FeatureCollection });
        map.addLayer({ id: 'pv-fill', type: 'fill', source: 'preview', filter: ['==', '$type', 'Polygon'], paint: { 'fill-color': '#1b6fd9', 'fill-opacity': 0.25 } });
        map.addLayer({ id: 'pv-line', type: 'line', source: 'preview', filter: ['==', '$type', 'Polygon'], paint: { 'line-color': '#0b3f80', 'line-width': 1.5 } });
        map.addLayer({ id: 'pv-points', type: 'circle', source: 'preview', filter: ['==', '$type', 'Point'], paint: { 'circle-color': '#0b3f80', 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
        const b = boxOf(sample);
        if (b) map.fitBounds(b, { padding: 30, maxZoom: 14, animate: false });
      });
    });
    return () => {
      live = false;
      map?.remove();
    };
  }, [sample]);
  return <div ref={box} class="map map-small" role="region" aria-label={t('portal-import-map')} data-testid="import-map" />;
}

export default function ImportScreen(_props: ScreenProps) {
  const types = useReference('object-types');
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const check = useAction();
  const commit = useAction();
  const path = (tail: string) => {
    const q = new URLSearchParams();
    const f = file ? formatOf(file.name) : null;
    if (f) q.set('format', f);
    if (type) q.set('type', type);
    return `/api/v1/objects/import${tail}?${q.toString()}`;
  };
  const runCheck = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setPreview(null);
    setDone(null);
    void check.run(async () => {
      setProgress(0);
      try {
        setPreview(await send<Preview>(path('/preview'), file, setProgress));
      } finally {
        setProgress(null);
      }
    });
  };
  const runImport = () => {
    if (!file) return;
    void commit.run(async () => {
      setProgress(0);
      try {
        const r = await send<{ imported: number }>(path(''), file, setProgress);
        setDone(r.imported);
        setPreview(null);
      } finally {
        setProgress(null);
      }
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-import-title')} />
      <form class="card" onSubmit={runCheck}>
        <Field label={t('portal-import-file')} id="im-file" hint={t('portal-import-file-hint')}>
          <input id="im-file" type="file" required accept=".geojson,.json,.kml,.zip,.csv,.txt" aria-describedby="im-file-hint" onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setPreview(null); setDone(null); }} />
        </Field>
        <Field label={t('portal-import-type')} id="im-type">
          <select id="im-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">—</option>
            {types.filter((x) => x.active !== false).map((x) => (
              <option key={x.code} value={x.code}>
                {localName(x, x.code)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={!file || check.busy || commit.busy}>
          {t('portal-import-check')}
        </button>
      </form>
      {progress !== null ? (
        <p>
          <label for="im-progress">{t('portal-import-uploading')}</label>{' '}
          <progress id="im-progress" max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)}%
          </progress>
        </p>
      ) : null}
      <ErrorBox error={check.error} />
      <ErrorBox error={commit.error} />
      {done !== null ? (
        <p role="status" class="ok">
          {t('portal-import-done', { count: done })} <a href={href('/objects')}>{t('portal-register')}</a>
        </p>
      ) : null}
      {preview ? (
        <section class="card" aria-labelledby="pv-h">
          <h2 id="pv-h">{t('portal-import-preview')}</h2>
          <p role="status">{t('portal-import-summary', { count: preview.features, refused: preview.refusals_total, format: preview.format })}</p>
          <PreviewMap sample={preview.sample} />
          {preview.refusals_total > 0 ? (
            <>
              <h3>{t('portal-import-refusals')}</h3>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('portal-import-feature')}</th>
                      <th scope="col">{t('portal-import-line')}</th>
                      <th scope="col">{t('portal-import-reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.refusals.map((r, i) => (
                      <tr key={i}>
                        <td>{r.feature ?? '—'}</td>
                        <td>{r.line ?? '—'}</td>
                        <td>{r.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="muted">{t('portal-import-fix-first')}</p>
            </>
          ) : (
            <button type="button" class="primary" disabled={commit.busy} onClick={runImport}>
              {t('portal-import-commit', { count: preview.features })}
            </button>
          )}
          {preview.ignored_properties.length > 0 ? <p class="muted">{t('portal-import-ignored', { names: preview.ignored_properties.join(', ') })}</p> : null}
        </section>
      ) : null}
    </section>
  );
}
