/**
 * Boundaries of administrative units (issue 13), on the administrative units' page:
 * how many are loaded, and loading a GeoJSON, KML or zipped Shapefile whose features
 * carry a KATO code. The map's region summary becomes a choropleth with them; the
 * system works without them. All or nothing, as the server loads them (which also
 * refuses images and says which feature is wrong).
 */
import { useState } from 'preact/hooks';
import type { BoundariesLoaded, BoundariesState } from '../api/types.js';
import { t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, useLoad } from '../app/ui.js';

export function BoundaryUpload() {
  const state = useLoad((signal) => api.get<BoundariesState>('/api/v1/reference/admin-units/boundaries', { signal }), []);
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<BoundariesLoaded | null>(null);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setDone(null);
    setBusy(true);
    try {
      const query = { key: key.trim() || undefined };
      setDone(await api.post<BoundariesLoaded>('/api/v1/reference/admin-units/boundaries', file, { query }));
      state.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="boundaries-title" onSubmit={upload} data-testid="boundaries">
      <h2 id="boundaries-title">{t('portal-boundaries-title')}</h2>
      <p class="muted">{t('portal-boundaries-hint')}</p>
      <p role="status">{state.data ? t('portal-boundaries-loaded', { count: state.data.loaded }) : t('portal-loading')}</p>
      <Field label={t('portal-boundaries-file')} id="bd-file">
        <input id="bd-file" type="file" accept=".geojson,.json,.kml,.zip" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </Field>
      <Field label={t('portal-boundaries-key')} id="bd-key">
        <input id="bd-key" value={key} placeholder="kato" onInput={(e) => setKey(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary" disabled={!file || busy}>
        {t('portal-boundaries-load')}
      </button>
      <ErrorBox error={error} />
      {done ? <p role="status" data-testid="boundaries-done">{t('portal-boundaries-done', { count: done.loaded, replaced: done.replaced })}</p> : null}
    </form>
  );
}
