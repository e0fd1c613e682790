/**
 * The Head's dashboard (issue 13, R-ROLE-1): the phytosanitary state of the caller's
 * subtree for a period (this season by default) and filters kept in the address; a drill
 * from the regions to a region's districts by KATO code; charts (Chart.js, loaded lazily)
 * each with its table; the same report as XLSX and PDF.
 */
import { localName, numberLocale, t } from '../../app/i18n-app.js';
import type { ScreenProps } from '../../app/registry.js';
import { href, navigate } from '../../app/router.js';
import { api } from '../../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useLoad } from '../../app/ui.js';
import type { Report } from '../../api/types.js';
import { keyOf, type RefList } from '../ref.js';
import { useReference } from '../objects.js';
import { CATEGORIES, crumbs, exportHref, paramsFrom, season, type Param, type ReportParams } from './logic.js';
import { ActsTable, InspectorsTable, OrganismsSection, OverdueTable, QuarantineTable, TasksTable, Totals, TrendSection, UnitsSection } from './sections.js';

const PATH = '/dashboard';

function RefFilter({ list, id, label, value, onChange }: { list: RefList; id: string; label: string; value: string; onChange: (v: string) => void }) {
  const entries = useReference(list);
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
                {list === 'organisms' ? ` (${k})` : ''}
              </option>
            );
          })}
      </select>
    </Field>
  );
}

function Filters({ params }: { params: ReportParams }) {
  const def = season(new Date());
  const set = (k: Param, v: string) => navigate(PATH, { ...params, [k]: v || undefined });
  return (
    <form class="filters card" aria-label={t('dash-filters')} onSubmit={(e) => e.preventDefault()}>
      <Field label={t('dash-from')} id="d-from">
        <input id="d-from" type="date" value={params.from ?? def.from} onChange={(e) => set('from', e.currentTarget.value)} />
      </Field>
      <Field label={t('dash-to')} id="d-to">
        <input id="d-to" type="date" value={params.to ?? def.to} onChange={(e) => set('to', e.currentTarget.value)} />
      </Field>
      <RefFilter list="organisms" id="d-organism" label={t('dash-organism')} value={params.organism ?? ''} onChange={(v) => set('organism', v)} />
      <Field label={t('dash-category')} id="d-category">
        <select id="d-category" value={params.category ?? ''} onChange={(e) => set('category', e.currentTarget.value)}>
          <option value="">{t('portal-all')}</option>
          {CATEGORIES.map((c) => (
            <option value={c} key={c}>
              {t(`dash-category-${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <RefFilter list="crops" id="d-crop" label={t('dash-crop')} value={params.crop ?? ''} onChange={(v) => set('crop', v)} />
      <RefFilter list="object-types" id="d-object-type" label={t('dash-object-type')} value={params.object_type ?? ''} onChange={(v) => set('object_type', v)} />
      <div class="field">
        <button type="button" onClick={() => navigate(PATH)}>
          {t('portal-reset')}
        </button>
      </div>
    </form>
  );
}

/** Where the drill-down stands: the country › a region › a district, each a way back. */
function Crumbs({ params, report }: { params: ReportParams; report: Report | undefined }) {
  const names = new Map<string, string>();
  for (const u of [...(report?.regions ?? []), ...(report?.districts ?? [])]) if (u.kato) names.set(u.kato, u.name);
  const trail = crumbs(params.kato);
  return (
    <nav aria-label={t('dash-drill')} class="crumbs">
      <ol>
        {trail.map((kato, i) => {
          const label = kato ? `${names.get(kato) || kato} (${kato})` : t('dash-all-regions');
          const last = i === trail.length - 1;
          return (
            <li key={kato ?? 'all'}>
              {last ? (
                <span aria-current="page">{label}</span>
              ) : (
                <a href={href(PATH, { ...params, kato })}>{label}</a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export default function Dashboard({ query }: ScreenProps) {
  const params = paramsFrom(query);
  const key = JSON.stringify(params);
  const { data, error, loading } = useLoad((signal) => api.get<Report>('/api/v1/reports/dashboard', { query: params, signal }), [key]);
  const locale = numberLocale();
  return (
    <section aria-labelledby="page-title" class="dashboard">
      <PageTitle title={data ? t('dash-title-of', { name: data.organization.name }) : t('dash-title')}>
        <div class="actions">
          <a class="button" href={exportHref('xlsx', params)} download data-testid="export-xlsx">
            {t('dash-export-xlsx')}
          </a>
          <a class="button" href={exportHref('pdf', params)} download data-testid="export-pdf">
            {t('dash-export-pdf')}
          </a>
        </div>
      </PageTitle>
      <Filters params={params} />
      <Crumbs params={params} report={data} />
      <ErrorBox error={error} />
      <Loading loading={loading} />
      {data ? (
        <>
          <p class="muted">{t('dash-period', { from: data.query.from ?? '', to: data.query.to ?? '' })}</p>
          <Totals report={data} locale={locale} />
          <UnitsSection report={data} params={params} locale={locale} path={PATH} />
          <OrganismsSection report={data} locale={locale} />
          <TrendSection report={data} locale={locale} />
          <QuarantineTable report={data} locale={locale} />
          <ActsTable report={data} />
          <OverdueTable report={data} />
          <TasksTable report={data} />
          <InspectorsTable report={data} />
        </>
      ) : null}
    </section>
  );
}
