/** One object of the register: its properties, history (a readable diff), documents, surveys and acts;
 * edit, and archive or restore with a reason (R-OBJ-1, R-DOC-1, issue 15). */
import { useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href } from '../app/router.js';
import { api, hasRole } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import type { VersionOnly, VersionView } from '../api/types.js';
import { Documents } from './documents.js';
import { BufferZone } from './object-buffer.js';
import { History } from './object-history.js';
import { ZonesOf } from './zones.js';
import { refName, useReference, type Feature } from './objects.js';


export default function ObjectPage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/objects/${encodeURIComponent(id)}`;
  const obj = useLoad((signal) => api.get<Feature>(path, { signal }), [path]);
  const history = useLoad((signal) => api.get<VersionView[]>(`${path}/history`, { signal }), [path, obj.data?.properties.version]);
  const types = useReference('object-types');
  const crops = useReference('crops');
  const units = useReference('admin-units');
  const move = useAction();
  const keeper = hasRole('inspector', 'operator');
  const f = obj.data;
  const p = f?.properties;
  const [asking, setAsking] = useState<'archive' | 'restore' | null>(null);
  const [reason, setReason] = useState('');
  const archive = (e: Event) => {
    e.preventDefault();
    void move.run(async () => {
      if (!p || !asking) return;
      await api.post(`${path}/${asking}`, { version: p.version, reason: reason.trim() } satisfies VersionOnly);
      setAsking(null);
      setReason('');
      obj.reload();
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={p ? p.name : t('portal-object')}>
        <div class="actions">
          <a class="button" href={href('/map', { focus: id })}>
            {t('portal-show-on-map')}
          </a>
          {keeper && p && p.status !== 'archived' ? (
            <a class="button" href={`#/objects/${id}/edit`}>
              {t('portal-object-edit')}
            </a>
          ) : null}
          {keeper && p ? (
            p.status === 'archived' ? (
              <button type="button" onClick={() => setAsking('restore')} disabled={move.busy || asking !== null}>
                {t('portal-object-restore')}
              </button>
            ) : (
              <button type="button" class="danger" onClick={() => setAsking('archive')} disabled={move.busy || asking !== null}>
                {t('portal-object-archive')}
              </button>
            )
          ) : null}
        </div>
      </PageTitle>
      {asking ? (
        <form class="card" aria-labelledby="move-h" onSubmit={archive}>
          <h2 id="move-h">{t(asking === 'archive' ? 'portal-object-archive' : 'portal-object-restore')}</h2>
          <Field label={t('portal-object-move-reason')} id="move-reason">
            <textarea id="move-reason" required rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <div class="actions">
            <button type="submit" class={asking === 'archive' ? 'danger' : 'primary'} disabled={move.busy || !reason.trim()}>
              {t(asking === 'archive' ? 'portal-object-archive' : 'portal-object-restore')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('portal-cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <Loading loading={obj.loading} />
      <ErrorBox error={obj.error} />
      <ErrorBox error={move.error} />
      {p ? (
        <>
          <dl class="props card">
            <dt>{t('portal-object-type')}</dt>
            <dd>{refName(types, 'object-types', p.type)}</dd>
            <dt>{t('portal-object-status')}</dt>
            <dd>{t(`portal-object-status-${p.status}`)}</dd>
            <dt>{t('portal-object-crop')}</dt>
            <dd>{refName(crops, 'crops', p.crop) || '—'}</dd>
            <dt>{t('portal-object-unit')}</dt>
            <dd>{p.kato ? `${refName(units, 'admin-units', p.kato)} (${p.kato})` : '—'}</dd>
            <dt>{t('portal-object-area')}</dt>
            <dd>{p.area_ha ? p.area_ha.toFixed(2) : '—'}</dd>
            <dt>{t('portal-object-owner')}</dt>
            <dd>{p.owner ? [p.owner.name, p.owner.bin ?? p.owner.iin].filter(Boolean).join(', ') : '—'}</dd>
            <dt>{t('portal-object-geometry')}</dt>
            <dd>{f?.geometry?.type ?? '—'}</dd>
            <dt>{t('portal-object-notes')}</dt>
            <dd>{p.notes ?? '—'}</dd>
            <dt>{t('portal-object-version')}</dt>
            <dd>{p.version}</dd>
            <dt>{t('portal-object-updated')}</dt>
            <dd>{fmtTime(p.updated_at)}</dd>
          </dl>
          <p class="actions">
            <a href={href('/surveys', { object_id: id })}>{t('portal-surveys')}</a>
            <a href={href('/acts', { object_id: id })}>{t('portal-acts')}</a>
          </p>
          {keeper && p.status !== 'archived' && p.type !== 'quarantine_zone' ? <BufferZone id={id} name={p.name} /> : null}
          <ZonesOf path={`/api/v1/objects/${encodeURIComponent(id)}/zones`} />
          <section aria-labelledby="hist">
            <h2 id="hist">{t('portal-object-history')}</h2>
            <ErrorBox error={history.error} />
            {history.data ? <History versions={history.data} /> : null}
          </section>
          <Documents owner="objects" id={id} canAttach={keeper} />
        </>
      ) : null}
    </section>
  );
}
