/** The dashboard's parts: totals, charts with their tables, and the lists (issue 13). */
import type { ComponentChildren } from 'preact';
import { t } from '../../app/i18n-app.js';
import { href } from '../../app/router.js';
import type { Report } from '../../api/types.js';
import { ChartFigure } from './chart.js';
import { actsGrid, drillTo, ha, level, unitRows, type ReportParams } from './logic.js';

const CURRENT = '#2f6f4e';
const PREVIOUS = '#9aa5a0';
const SURVEYED = '#6b9bc3';

type P = { report: Report; locale: string };

export function Totals({ report, locale }: P) {
  const tot = report.totals;
  return (
    <dl class="totals card" data-testid="totals">
      <div>
        <dt>{t('dash-surveyed')}</dt>
        <dd>{ha(tot.surveyed_ha, locale)}</dd>
      </div>
      <div>
        <dt>{t('dash-infested')}</dt>
        <dd>{ha(tot.infested_ha, locale)}</dd>
      </div>
      <div>
        <dt>{t('dash-foci')}</dt>
        <dd>{tot.foci}</dd>
      </div>
    </dl>
  );
}

/** Regions of the country, or the districts of a region; a region's row leads to its districts. */
export function UnitsSection({ report, params, locale, path }: P & { params: ReportParams; path: string }) {
  const rows = unitRows(report, params.kato);
  const name = (u: (typeof rows)[number]) => u.name || (u.kato ?? t('dash-no-kato'));
  const title = level(params.kato) === 'country' ? t('dash-by-region') : t('dash-by-district');
  return (
    <ChartFigure
      id="units"
      title={title}
      summary={t('dash-chart-summary', { title })}
      spec={{
        kind: 'bar',
        labels: rows.map(name),
        series: [
          { label: t('dash-surveyed'), values: rows.map((u) => u.surveyed_ha), color: SURVEYED },
          { label: t('dash-infested'), values: rows.map((u) => u.infested_ha), color: CURRENT },
        ],
      }}
    >
      {rows.length === 0 ? (
        <p>{t('dash-empty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="units">
            <thead>
              <tr>
                <th scope="col">{t('dash-unit')}</th>
                <th scope="col">{t('dash-kato')}</th>
                <th scope="col">{t('dash-surveyed')}</th>
                <th scope="col">{t('dash-infested')}</th>
                <th scope="col">{t('dash-foci')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => {
                const to = drillTo(u, params.kato);
                return (
                  <tr key={u.kato ?? 'none'}>
                    <th scope="row">{to ? <a href={href(path, { ...params, kato: to })}>{name(u)}</a> : name(u)}</th>
                    <td>{u.kato ?? '—'}</td>
                    <td>{ha(u.surveyed_ha, locale)}</td>
                    <td>{ha(u.infested_ha, locale)}</td>
                    <td>{u.foci}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </ChartFigure>
  );
}

export function OrganismsSection({ report, locale }: P) {
  const rows = report.organisms;
  const title = t('dash-by-organism');
  return (
    <ChartFigure
      id="organisms"
      title={title}
      summary={t('dash-chart-summary', { title })}
      spec={{ kind: 'bar', labels: rows.map((o) => o.name || o.eppo_code), series: [{ label: t('dash-infested'), values: rows.map((o) => o.infested_ha), color: CURRENT }] }}
    >
      {rows.length === 0 ? (
        <p>{t('dash-empty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="organisms">
            <thead>
              <tr>
                <th scope="col">{t('dash-organism')}</th>
                <th scope="col">{t('dash-eppo')}</th>
                <th scope="col">{t('dash-surveyed')}</th>
                <th scope="col">{t('dash-infested')}</th>
                <th scope="col">{t('dash-foci')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.eppo_code}>
                  <th scope="row">
                    {o.name || o.eppo_code}
                    {o.name_la ? <i class="muted"> {o.name_la}</i> : null}
                  </th>
                  <td>{o.eppo_code}</td>
                  <td>{ha(o.surveyed_ha, locale)}</td>
                  <td>{ha(o.infested_ha, locale)}</td>
                  <td>{o.foci}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartFigure>
  );
}

/** Each month of the period against the same month a year before. */
export function TrendSection({ report, locale }: P) {
  const rows = report.trend;
  const title = t('dash-trend');
  return (
    <ChartFigure
      id="trend"
      title={title}
      summary={t('dash-chart-summary', { title })}
      spec={{
        kind: 'line',
        labels: rows.map((m) => m.month),
        series: [
          { label: t('dash-this-year'), values: rows.map((m) => m.current.infested_ha), color: CURRENT },
          { label: t('dash-year-before'), values: rows.map((m) => m.previous.infested_ha), color: PREVIOUS },
        ],
      }}
    >
      <div class="table-wrap">
        <table data-testid="trend">
          <thead>
            <tr>
              <th scope="col">{t('dash-month')}</th>
              <th scope="col">{t('dash-infested')}</th>
              <th scope="col">{t('dash-infested-before')}</th>
              <th scope="col">{t('dash-foci')}</th>
              <th scope="col">{t('dash-foci-before')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{ha(m.current.infested_ha, locale)}</td>
                <td>{ha(m.previous.infested_ha, locale)}</td>
                <td>{m.current.foci}</td>
                <td>{m.previous.foci}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFigure>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Quarantine and especially dangerous findings, the newest first, each a link to its survey. */
export function QuarantineTable({ report, locale }: P) {
  const rows = report.quarantine;
  return (
    <Section id="quarantine" title={t('dash-quarantine')}>
      {rows.length === 0 ? (
        <p>{t('dash-empty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="quarantine">
            <thead>
              <tr>
                <th scope="col">{t('dash-surveyed-at')}</th>
                <th scope="col">{t('dash-organism')}</th>
                <th scope="col">{t('dash-category')}</th>
                <th scope="col">{t('dash-object')}</th>
                <th scope="col">{t('dash-place')}</th>
                <th scope="col">{t('dash-infested')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={`${q.survey_id}-${q.seq}`}>
                  <td>
                    <a href={`#/surveys/${q.survey_id}`}>{q.surveyed_at.slice(0, 10)}</a>
                  </td>
                  <td>
                    {q.organism || q.eppo_code} ({q.eppo_code})
                  </td>
                  <td>{t(`dash-category-${q.category}`)}</td>
                  <td>{q.object_id ? <a href={`#/objects/${q.object_id}`}>{q.object_name ?? q.object_id}</a> : '—'}</td>
                  <td>{q.place || q.kato || '—'}</td>
                  <td>{ha(q.infested_ha, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function ActsTable({ report }: { report: Report }) {
  const grid = actsGrid(report.acts);
  return (
    <Section id="acts" title={t('dash-acts')}>
      {grid.types.length === 0 ? (
        <p>{t('dash-empty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="acts">
            <thead>
              <tr>
                <th scope="col">{t('portal-act-type')}</th>
                {grid.statuses.map((s) => (
                  <th scope="col" key={s}>
                    {t(`portal-act-status-${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.types.map((ty) => (
                <tr key={ty}>
                  <th scope="row">{t(`portal-act-type-${ty}`)}</th>
                  {grid.statuses.map((s) => (
                    <td key={s}>{grid.count(ty, s)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function OverdueTable({ report }: { report: Report }) {
  const rows = report.overdue;
  return (
    <Section id="overdue" title={t('dash-overdue')}>
      {rows.length === 0 ? (
        <p>{t('dash-none-overdue')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="overdue">
            <thead>
              <tr>
                <th scope="col">{t('dash-act')}</th>
                <th scope="col">{t('dash-object')}</th>
                <th scope="col">{t('dash-measure')}</th>
                <th scope="col">{t('dash-deadline')}</th>
                <th scope="col">{t('dash-days-overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o, i) => (
                <tr key={`${o.act_id}-${i}`}>
                  <td>
                    <a href={`#/acts/${o.act_id}`}>{o.registry_number ?? t('dash-act-unregistered')}</a>
                  </td>
                  <td>{o.object_id ? <a href={`#/objects/${o.object_id}`}>{o.object_name ?? o.object_id}</a> : '—'}</td>
                  <td>{o.measure}</td>
                  <td>{o.deadline}</td>
                  <td>{o.days_overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function TasksTable({ report }: { report: Report }) {
  const tk = report.tasks;
  return (
    <Section id="tasks" title={t('dash-tasks')}>
      <table data-testid="tasks">
        <tbody>
          {(
            [
              ['dash-tasks-planned', tk.planned],
              ['dash-tasks-done', tk.done],
              ['dash-tasks-late', tk.late],
              ['dash-tasks-warnings', tk.warnings_confirmed],
            ] as const
          ).map(([id, n]) => (
            <tr key={id}>
              <th scope="row">{t(id)}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function InspectorsTable({ report }: { report: Report }) {
  const rows = report.inspectors;
  return (
    <Section id="inspectors" title={t('dash-inspectors')}>
      {rows.length === 0 ? (
        <p>{t('dash-empty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="inspectors">
            <thead>
              <tr>
                <th scope="col">{t('dash-inspector')}</th>
                <th scope="col">{t('dash-surveys')}</th>
                <th scope="col">{t('dash-acts-count')}</th>
                <th scope="col">{t('dash-field-days')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={w.inspector_id}>
                  <th scope="row">{w.name}</th>
                  <td>{w.surveys}</td>
                  <td>{w.acts}</td>
                  <td>{w.field_days}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
