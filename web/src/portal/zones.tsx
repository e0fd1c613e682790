/** Quarantine zones from proposal to lifting (issue 14): list, proposal from a focus, and a
 * zone's page with every step (establish with the decision's PDF, lift on the evidence,
 * withdraw), its objects, documents (proposal, decision annex) and history. */
import { useRef, useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api, may, user } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, Status, useAction, useLoad } from '../app/ui.js';
import type { LiftingBasis, ZoneVersionView, ZoneView } from '../api/types.js';

export const ZONE_STATUSES = ['proposed', 'established', 'lifted', 'withdrawn'] as const;

/** Uploads a file as the raw body to `path` and returns the new document's id. */
async function upload(path: string, file: File): Promise<string> {
  const res = await api.send('POST', path, 'application/json', {
    query: { name: file.name },
    body: file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  const doc = (await res.json()) as { id: string };
  return doc.id;
}

/** Uploads a file to an owner's documents and returns the new document's id. */
export function attach(owner: string, id: string, file: File): Promise<string> {
  return upload(`/api/v1/${owner}/${encodeURIComponent(id)}/documents`, file);
}

export function ZonesList({ query }: ScreenProps) {
  const status = query.get('status') ?? '';
  const list = useLoad((signal) => api.get<ZoneView[]>('/api/v1/zones', { query: { status: status || undefined }, signal }), [status]);
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-zones')}>
        {(['geojson', 'kml', 'shapefile'] as const).map((f) => (
          <a key={f} class="button" href={`/api/v1/zones/export?format=${f}`}>
            {t(`portal-zones-export-${f}`)}
          </a>
        ))}
      </PageTitle>
      <Field label={t('portal-zone-status')} id="zone-status-filter">
        <select id="zone-status-filter" value={status} onChange={(e) => navigate('/zones', { status: e.currentTarget.value || undefined })}>
          <option value="">{t('portal-all')}</option>
          {ZONE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`portal-zone-status-${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('portal-zones-empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-zone-name')}</th>
                <th scope="col">{t('portal-zone-status')}</th>
                <th scope="col">{t('portal-zone-organisms')}</th>
                <th scope="col">{t('portal-zone-area')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((z) => (
                <tr key={z.id}>
                  <td>
                    <a href={`#/zones/${z.id}`}>{z.name}</a>
                  </td>
                  <td>
                    <Status value={z.status} prefix="portal-zone-status" />
                  </td>
                  <td>{z.organisms.join(', ')}</td>
                  <td>{z.area_ha.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Proposes a zone around a focus: the finding in the query (`survey_id`, `seq`, `organism`). */
export function NewZone({ query }: ScreenProps) {
  const survey = query.get('survey_id') ?? '';
  const seq = Number(query.get('seq') ?? '1');
  const [name, setName] = useState('');
  const [organisms, setOrganisms] = useState(query.get('organism') ?? '');
  const [radius, setRadius] = useState('5');
  const [regimeKk, setRegimeKk] = useState('');
  const [regimeRu, setRegimeRu] = useState('');
  const save = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(async () => {
      const focus = [{ survey_id: survey, seq }];
      const z = await api.post<ZoneView>('/api/v1/zones', {
        organization_id: user.value?.organization_id,
        name,
        organisms: organisms.split(/[\s,;]+/).filter(Boolean),
        boundary: { kind: 'buffer', radius_km: Number(radius), findings: focus },
        basis: { findings: focus, acts: [] },
        regime_kk: regimeKk,
        regime_ru: regimeRu,
      });
      navigate(`/zones/${z.id}`);
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-zone-new')} />
      <form class="card" onSubmit={submit}>
        <p class="muted">{t('portal-zone-focus', { seq })}</p>
        <Field label={t('portal-zone-name')} id="zone-name">
          <input id="zone-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-zone-organisms')} id="zone-organisms">
          <input id="zone-organisms" required value={organisms} onInput={(e) => setOrganisms(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-zone-radius')} id="zone-radius">
          <input id="zone-radius" type="number" min="0.1" step="0.1" required value={radius} onInput={(e) => setRadius(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-zone-regime-kk')} id="zone-regime-kk">
          <textarea id="zone-regime-kk" required value={regimeKk} onInput={(e) => setRegimeKk(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-zone-regime-ru')} id="zone-regime-ru">
          <textarea id="zone-regime-ru" required value={regimeRu} onInput={(e) => setRegimeRu(e.currentTarget.value)} />
        </Field>
        <ErrorBox error={save.error} />
        <button type="submit" class="primary" disabled={save.busy || !survey}>
          {t('portal-zone-propose')}
        </button>
      </form>
    </section>
  );
}

function Establish({ z, done }: { z: ZoneView; done: (z: ZoneView) => void }) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [authority, setAuthority] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const pdf = file.current?.files?.[0];
    if (!pdf) return;
    void act.run(async () => {
      // The decision is the establishing Head's to attach (zone.establish): Heads hold
      // no general right to attach documents, so not through the zone's documents.
      const doc = await upload(`/api/v1/zones/${encodeURIComponent(z.id)}/decision`, pdf);
      done(
        await api.post<ZoneView>(`/api/v1/zones/${z.id}/establish`, {
          version: z.version,
          decision_number: number,
          decision_date: date,
          decision_authority: authority,
          decision_document_id: doc,
        }),
      );
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="establish-title">
      <h2 id="establish-title">{t('portal-zone-establish')}</h2>
      <Field label={t('portal-zone-decision-number')} id="decision-number">
        <input id="decision-number" required value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-zone-decision-date')} id="decision-date">
        <input id="decision-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-zone-decision-authority')} id="decision-authority">
        <input id="decision-authority" required value={authority} onInput={(e) => setAuthority(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-zone-decision-pdf')} id="decision-pdf">
        <input id="decision-pdf" type="file" required accept=".pdf,application/pdf" ref={file} />
      </Field>
      <ErrorBox error={act.error} />
      <button type="submit" class="primary" disabled={act.busy}>
        {t('portal-zone-establish')}
      </button>
    </form>
  );
}

/** Lifting: the evidence first (what is missing), then the Head confirms. */
function Lift({ z, done }: { z: ZoneView; done: (z: ZoneView) => void }) {
  const basis = useLoad((signal) => api.get<LiftingBasis>(`/api/v1/zones/${z.id}/lifting-basis`, { signal }), [z.id, z.version]);
  const [note, setNote] = useState('');
  const act = useAction();
  const b = basis.data;
  const submit = (e: Event) => {
    e.preventDefault();
    void act.run(async () => done(await api.post<ZoneView>(`/api/v1/zones/${z.id}/lift`, { version: z.version, note: note || undefined })));
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="lift-title">
      <h2 id="lift-title">{t('portal-zone-lifting-basis')}</h2>
      <Loading loading={basis.loading} />
      <ErrorBox error={basis.error} />
      {b ? (
        <>
          <p>{t('portal-zone-lifting-surveyed', { surveyed: b.objects.length - b.unsurveyed.length, total: b.objects.length })}</p>
          {b.missing.length > 0 ? (
            <ul class="error" data-testid="lifting-missing">
              {b.missing.map((m) => (
                <li key={m}>{t(`portal-${m}`)}</li>
              ))}
            </ul>
          ) : (
            <p data-testid="lifting-sufficient">{t('portal-zone-lifting-sufficient')}</p>
          )}
        </>
      ) : null}
      <Field label={t('portal-zone-note')} id="lift-note">
        <input id="lift-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={act.error} />
      <button type="submit" class="primary" disabled={act.busy || !b?.sufficient}>
        {t('portal-zone-lift')}
      </button>
    </form>
  );
}

function Withdraw({ z, done }: { z: ZoneView; done: (z: ZoneView) => void }) {
  const [note, setNote] = useState('');
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void act.run(async () => done(await api.post<ZoneView>(`/api/v1/zones/${z.id}/withdraw`, { version: z.version, note })));
  };
  return (
    <form class="card" onSubmit={submit}>
      <Field label={t('portal-zone-note')} id="withdraw-note">
        <input id="withdraw-note" required value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={act.error} />
      <button type="submit" disabled={act.busy}>
        {t('portal-zone-withdraw')}
      </button>
    </form>
  );
}

export function ZonePage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/zones/${encodeURIComponent(id)}`;
  const zone = useLoad((signal) => api.get<ZoneView>(path, { signal }), [path]);
  const inside = useLoad((signal) => api.get<GeoJSON.FeatureCollection>(`${path}/objects`, { signal }), [path]);
  const history = useLoad((signal) => api.get<ZoneVersionView[]>(`${path}/history`, { signal }), [path]);
  const z = zone.data;
  const done = () => {
    zone.reload();
    history.reload();
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={z ? z.name : t('portal-zone')} />
      <Loading loading={zone.loading} />
      <ErrorBox error={zone.error} />
      {z ? (
        <>
          <dl class="props card">
            <dt>{t('portal-zone-status')}</dt>
            <dd data-testid="zone-status">
              <Status value={z.status} prefix="portal-zone-status" />
            </dd>
            <dt>{t('portal-zone-organisms')}</dt>
            <dd>{z.organisms.join(', ')}</dd>
            <dt>{t('portal-zone-area')}</dt>
            <dd>{z.area_ha.toFixed(2)}</dd>
            {z.radius_km ? (
              <>
                <dt>{t('portal-zone-radius')}</dt>
                <dd>{z.radius_km}</dd>
              </>
            ) : null}
            {z.decision ? (
              <>
                <dt>{t('portal-zone-decision-number')}</dt>
                <dd>
                  {z.decision.number} ({z.decision.date}, {z.decision.authority})
                </dd>
              </>
            ) : null}
            <dt>{t('portal-zone-regime-kk')}</dt>
            <dd>{z.regime_kk}</dd>
            <dt>{t('portal-zone-regime-ru')}</dt>
            <dd>{z.regime_ru}</dd>
            {z.closing_note ? (
              <>
                <dt>{t('portal-zone-note')}</dt>
                <dd>{z.closing_note}</dd>
              </>
            ) : null}
          </dl>
          <p>
            {(['kk', 'ru'] as const).map((l) => (
              <a key={l} class="button" href={`${path}/document?kind=proposal&lang=${l}`} target="_blank" rel="noopener">
                {t('portal-zone-doc-proposal', { lang: l })}
              </a>
            ))}
            {z.decision
              ? (['kk', 'ru'] as const).map((l) => (
                  <a key={l} class="button" href={`${path}/document?kind=decision&lang=${l}`} target="_blank" rel="noopener">
                    {t('portal-zone-doc-decision', { lang: l })}
                  </a>
                ))
              : null}
          </p>
          {z.status === 'proposed' && may('zone.establish') ? <Establish z={z} done={done} /> : null}
          {z.status === 'proposed' && may('zone.withdraw') ? <Withdraw z={z} done={done} /> : null}
          {z.status === 'established' && may('zone.lift') ? <Lift z={z} done={done} /> : null}
          <h2>{t('portal-zone-objects')}</h2>
          <Loading loading={inside.loading} />
          <ErrorBox error={inside.error} />
          {inside.data ? (
            <ul data-testid="zone-objects">
              {inside.data.features.map((f) => (
                <li key={String(f.id)}>
                  <a href={`#/objects/${String(f.id)}`}>{String(f.properties?.name ?? f.id)}</a>
                </li>
              ))}
            </ul>
          ) : null}
          <h2>{t('portal-zone-history')}</h2>
          <ol>
            {(history.data ?? []).map((v) => (
              <li key={v.version}>
                {t(`portal-zone-change-${v.change}`)} — {fmtTime(v.changed_at)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** The zones a record lies in: on an object's or a survey's page. */
export function ZonesOf({ path }: { path: string }) {
  const list = useLoad((signal) => api.get<ZoneView[]>(path, { signal }), [path]);
  if (!list.data || list.data.length === 0) return null;
  return (
    <section aria-labelledby="zones-of">
      <h2 id="zones-of">{t('portal-zones-of')}</h2>
      <ul data-testid="zones-of">
        {list.data.map((z) => (
          <li key={z.id}>
            <a href={`#/zones/${z.id}`}>{z.name}</a> <Status value={z.status} prefix="portal-zone-status" />
          </li>
        ))}
      </ul>
    </section>
  );
}
