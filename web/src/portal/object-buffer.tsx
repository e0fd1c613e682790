/**
 * Buffer → quarantine zone from an object's page (R-GEO-1, issue 15): the object's shape grown by
 * R km (geodesic, on the server) is stored as a new quarantine-zone object; the page then links
 * to it. Proposing and establishing the zone is the zones' own workflow.
 */
import { useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import { t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, useAction } from '../app/ui.js';
import type { Feature } from './objects.js';

type BufferRequest = components['schemas']['BufferRequest'];

export function BufferZone({ id, name }: { id: string; name: string }) {
  const [radius, setRadius] = useState('1');
  const [zoneName, setZoneName] = useState('');
  const [made, setMade] = useState<Feature | null>(null);
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      const body = { radius_km: Number(radius), name: zoneName.trim() || null } satisfies BufferRequest;
      setMade(await api.post<Feature>(`/api/v1/objects/${encodeURIComponent(id)}/buffer`, body));
    });
  };
  return (
    <details class="card">
      <summary>{t('portal-buffer-title')}</summary>
      <form aria-label={t('portal-buffer-title')} onSubmit={submit}>
        <div class="filters">
          <Field label={t('portal-buffer-radius')} id="bz-radius">
            <input id="bz-radius" type="number" min="0.01" max="100" step="0.01" required value={radius} onInput={(e) => setRadius(e.currentTarget.value)} />
          </Field>
          <Field label={t('portal-buffer-name')} id="bz-name">
            <input id="bz-name" placeholder={name} value={zoneName} onInput={(e) => setZoneName(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorBox error={act.error} />
        <button type="submit" disabled={act.busy}>
          {t('portal-buffer-make')}
        </button>
      </form>
      {made ? (
        <p role="status" class="ok">
          {t('portal-buffer-made', { area: made.properties.area_ha.toFixed(1) })} <a href={`#/objects/${made.id}`}>{made.properties.name}</a>
        </p>
      ) : null}
    </details>
  );
}
