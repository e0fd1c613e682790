/** The register as a table (R-OBJ-1): filters by type, status, crop, unit and organism found; paged. */
import { useEffect, useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href, navigate } from '../app/router.js';
import { api, hasRole } from '../app/session.js';
import { withQuery } from '../app/api.js';
import { ErrorBox, Field, Loading, PageTitle, useLoad } from '../app/ui.js';
import { keyOf, reference, type RefEntry, type RefList, type RefLists } from './ref.js';

export interface ObjectProps {
  organization_id: string;
  type: string;
  name: string;
  owner: { kind: string; name: string | null; bin: string | null; iin: string | null } | null;
  kato: string | null;
  crop: string | null;
  status: string;
  area_ha: number;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  quarantine_found_at?: string | null;
}

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: ObjectProps;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  numberReturned?: number;
  features: Feature[];
  links?: Array<{ rel: string; href: string }>;
}

export const FILTERS = ['type', 'status', 'crop', 'kato', 'organism'] as const;
export type FilterKey = (typeof FILTERS)[number];

/** The `after` cursor of a collection's `next` link, if there is one. */
export function nextCursor(fc: FeatureCollection): string | undefined {
  const next = fc.links?.find((l) => l.rel === 'next');
  if (!next) return undefined;
  const q = next.href.split('?')[1] ?? '';
  return new URLSearchParams(q).get('after') ?? undefined;
}

export function filtersFrom(query: URLSearchParams): Partial<Record<FilterKey, string>> {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const k of FILTERS) {
    const v = query.get(k);
    if (v) out[k] = v;
  }
  return out;
}

export function useReference<L extends RefList>(list: L): RefLists[L][] {
  const [entries, setEntries] = useState<RefLists[L][]>([]);
  useEffect(() => {
    let live = true;
    reference(list).then(
      (v) => live && setEntries(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [list]);
  return entries;
}

export function refName(entries: RefEntry[], list: RefList, code: string | null | undefined): string {
  if (!code) return '';
  const e = entries.find((x) => keyOf(list, x) === code);
  return e ? localName(e, code) : code;
}

export function RefSelect({ list, id, label, value, onChange, entries }: { list: RefList; id: string; label: string; value: string; onChange: (v: string) => void; entries: RefEntry[] }) {
  return (
    <Field label={label} id={id}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('portal-all')}</option>
        {entries
          .filter((e) => e.active !== false)
          .map((e) => {
            const k = keyOf(list, e);
            return (
              <option value={k} key={k}>
                {localName(e, k)}
                {list === 'organisms' || list === 'admin-units' ? ` (${k})` : ''}
              </option>
            );
          })}
      </select>
    </Field>
  );
}

/** The filter form shared by the table and the map; it writes the filters into the URL. */
export function RegisterFilters({ path, query }: { path: string; query: URLSearchParams }) {
  const types = useReference('object-types');
  const crops = useReference('crops');
  const units = useReference('admin-units');
  const organisms = useReference('organisms');
  const current = filtersFrom(query);
  const set = (k: FilterKey, v: string) => navigate(path, { ...current, [k]: v || undefined });
  return (
    <form class="filters card" aria-label={t('portal-filters')} onSubmit={(e) => e.preventDefault()}>
      <RefSelect list="object-types" id="f-type" label={t('portal-object-type')} value={current.type ?? ''} onChange={(v) => set('type', v)} entries={types} />
      <Field label={t('portal-object-status')} id="f-status">
        <select id="f-status" value={current.status ?? ''} onChange={(e) => set('status', e.currentTarget.value)}>
          <option value="">{t('portal-object-status-active')}</option>
          <option value="archived">{t('portal-object-status-archived')}</option>
        </select>
      </Field>
      <RefSelect list="crops" id="f-crop" label={t('portal-object-crop')} value={current.crop ?? ''} onChange={(v) => set('crop', v)} entries={crops} />
      <RefSelect list="admin-units" id="f-kato" label={t('portal-object-unit')} value={current.kato ?? ''} onChange={(v) => set('kato', v)} entries={units} />
      <RefSelect list="organisms" id="f-organism" label={t('portal-object-organism')} value={current.organism ?? ''} onChange={(v) => set('organism', v)} entries={organisms} />
      <div class="field">
        <button type="button" onClick={() => navigate(path)}>
          {t('portal-reset')}
        </button>
      </div>
    </form>
  );
}

const PAGE = 50;

export default function ObjectsTable({ query }: ScreenProps) {
  const filters = filtersFrom(query);
  const after = query.get('after') ?? undefined;
  const [stack, setStack] = useState<string[]>([]);
  const key = JSON.stringify(filters);
  const types = useReference('object-types');
  const crops = useReference('crops');
  const { data, error, loading } = useLoad(
    (signal) => api.get<FeatureCollection>('/api/v1/objects', { query: { ...filters, after, limit: PAGE }, signal }),
    [key, after],
  );
  useEffect(() => setStack([]), [key]);
  const next = data ? nextCursor(data) : undefined;
  const goNext = () => {
    if (!next) return;
    setStack([...stack, after ?? '']);
    navigate('/objects', { ...filters, after: next });
  };
  const goPrev = () => {
    const prev = stack[stack.length - 1];
    setStack(stack.slice(0, -1));
    navigate('/objects', { ...filters, after: prev || undefined });
  };
  const page = stack.length + 1;
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-register')}>
        <div class="actions">
          <a class="button" href={href('/map', filters)}>
            {t('portal-view-map')}
          </a>
          <details class="export">
            <summary class="button">{t('portal-export-register')}</summary>
            <ul class="plain">
              {(['geojson', 'kml', 'shapefile', 'csv'] as const).map((format) => (
                <li key={format}>
                  <a href={withQuery('/api/v1/objects/export', { ...filters, format })} download>
                    {format === 'shapefile' ? 'Shapefile (ZIP)' : format.toUpperCase()}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          {hasRole('inspector', 'operator') ? (
            <a class="button primary" href="#/objects/new">
              {t('portal-object-new')}
            </a>
          ) : null}
        </div>
      </PageTitle>
      <RegisterFilters path="/objects" query={query} />
      <ErrorBox error={error} />
      <Loading loading={loading} />
      {data ? (
        data.features.length === 0 ? (
          <p>{t('portal-objects-empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="muted">{t('portal-page', { page })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('portal-object-name')}</th>
                  <th scope="col">{t('portal-object-type')}</th>
                  <th scope="col">{t('portal-object-crop')}</th>
                  <th scope="col">{t('portal-object-kato')}</th>
                  <th scope="col">{t('portal-object-area')}</th>
                  <th scope="col">{t('portal-object-status')}</th>
                  <th scope="col">{t('portal-object-updated')}</th>
                </tr>
              </thead>
              <tbody>
                {data.features.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <a href={`#/objects/${f.id}`}>{f.properties.name}</a>
                    </td>
                    <td>{refName(types, 'object-types', f.properties.type)}</td>
                    <td>{refName(crops, 'crops', f.properties.crop)}</td>
                    <td>{f.properties.kato ?? ''}</td>
                    <td>{f.properties.area_ha ? f.properties.area_ha.toFixed(2) : '—'}</td>
                    <td>{t(`portal-object-status-${f.properties.status}`)}</td>
                    <td>{f.properties.updated_at.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <nav class="pager" aria-label={t('portal-paging')}>
        <button type="button" onClick={goPrev} disabled={stack.length === 0 && !after}>
          {t('portal-prev-page')}
        </button>
        <span>{t('portal-page', { page })}</span>
        <button type="button" onClick={goNext} disabled={!next}>
          {t('portal-next-page')}
        </button>
      </nav>
    </section>
  );
}
