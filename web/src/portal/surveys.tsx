/** Surveys and their findings (R-SURV-1); an inspector makes an act from their survey (R-ACT-1). */
import { useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href, navigate } from '../app/router.js';
import { api, may, user } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import type { ActView, FindingResultView, NewAct, SurveyView } from '../api/types.js';
import { ACT_TYPES } from './acts.js';
import { Documents } from './documents.js';
import { refName, useReference } from './objects.js';
import { SampleTake } from './sample-take.js';
import { ZonesOf } from './zones.js';


export function SurveysList({ query }: ScreenProps) {
  const objectId = query.get('object_id') ?? '';
  const taskId = query.get('task_id') ?? '';
  const mine = user.value?.role === 'inspector' && !objectId && !taskId;
  const list = useLoad(
    (signal) => api.get<SurveyView[]>('/api/v1/surveys', { query: { object_id: objectId, task_id: taskId, mine: mine || undefined, limit: 200 }, signal }),
    [objectId, taskId],
  );
  const crops = useReference('crops');
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-surveys')}>
        <a class="button" href="/api/v1/findings/export">
          {t('portal-findings-export')}
        </a>
      </PageTitle>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('portal-surveys-empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-survey-when')}</th>
                <th scope="col">{t('portal-object-crop')}</th>
                <th scope="col">{t('portal-survey-points')}</th>
                <th scope="col">{t('portal-survey-findings')}</th>
                <th scope="col">{t('portal-survey-quarantine')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`#/surveys/${s.id}`}>{fmtTime(s.surveyed_at)}</a>
                  </td>
                  <td>{refName(crops, 'crops', s.crop)}</td>
                  <td>{s.points.length}</td>
                  <td>{s.points.reduce((n, p) => n + (p.findings ?? []).length, 0)}</td>
                  <td>{s.quarantine_found ? t('portal-yes') : t('portal-no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** A finding's number in its survey: its place among all findings of all points, from 1. */
function seqOf(s: SurveyView, point: number, finding: number): number {
  return s.points.slice(0, point).reduce((n, p) => n + (p.findings ?? []).length, 0) + finding + 1;
}

export function SurveyPage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/surveys/${encodeURIComponent(id)}`;
  const survey = useLoad((signal) => api.get<SurveyView>(path, { signal }), [path]);
  const acts = useLoad((signal) => api.get<ActView[]>('/api/v1/acts', { query: { survey_id: id }, signal }), [id]);
  // What the laboratory said of each finding (issue 14): a sample's result flows back to it.
  const lab = useLoad((signal) => api.get<FindingResultView[]>(`${path}/lab-results`, { signal }), [path]);
  const labOf = (seq: number) => lab.data?.find((r) => r.seq === seq);
  const organisms = useReference('organisms');
  const crops = useReference('crops');
  const [actType, setActType] = useState<string>(ACT_TYPES[0]);
  const [actLang, setActLang] = useState<string>('kk');
  const make = useAction();
  const s = survey.data;
  const author = user.value?.role === 'inspector' && s?.inspector_id === user.value.id;
  const makeAct = (e: Event) => {
    e.preventDefault();
    void make.run(async () => {
      const act = await api.post<ActView>(`${path}/acts`, { act_type: actType, language: actLang } satisfies NewAct);
      navigate(`/acts/${act.id}`);
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-survey')} />
      <Loading loading={survey.loading} />
      <ErrorBox error={survey.error} />
      {s ? (
        <>
          <dl class="props card">
            <dt>{t('portal-survey-when')}</dt>
            <dd>{fmtTime(s.surveyed_at)}</dd>
            <dt>{t('portal-object-crop')}</dt>
            <dd>{refName(crops, 'crops', s.crop) || '—'}</dd>
            {s.object_id ? (
              <>
                <dt>{t('portal-object')}</dt>
                <dd>
                  <a href={`#/objects/${s.object_id}`}>{t('portal-open')}</a>
                </dd>
              </>
            ) : null}
            <dt>{t('portal-object-notes')}</dt>
            <dd>{s.notes ?? '—'}</dd>
          </dl>
          <h2>{t('portal-survey-findings')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('portal-survey-point')}</th>
                  <th scope="col">{t('portal-finding-organism')}</th>
                  <th scope="col">{t('portal-finding-stage')}</th>
                  <th scope="col">{t('portal-finding-intensity')}</th>
                  <th scope="col">{t('portal-finding-area')}</th>
                  <th scope="col">{t('portal-finding-samples')}</th>
                  <th scope="col">{t('portal-zones')}</th>
                </tr>
              </thead>
              <tbody>
                {s.points.flatMap((p, i) =>
                  (p.findings?.length ? p.findings : [null]).map((f, j) => (
                    <tr key={`${i}-${j}`} data-seq={f ? seqOf(s, i, j) : undefined}>
                      <td>
                        {p.lat.toFixed(5)}, {p.lon.toFixed(5)}
                      </td>
                      <td>{f ? `${refName(organisms, 'organisms', f.organism)} (${f.organism})` : t('portal-finding-none')}</td>
                      <td>{f?.development_stage ?? ''}</td>
                      <td>{f?.intensity ? `${f.intensity.value} ${t(`portal-intensity-${f.intensity.kind}`)}` : ''}</td>
                      <td>{f?.area_infested_ha ?? ''}</td>
                      <td>
                        {f?.samples?.map((x) => x.sample_number).join(', ') ?? ''}
                        {f && labOf(seqOf(s, i, j)) ? (
                          <span data-testid="finding-lab"> {t(`portal-finding-lab-${labOf(seqOf(s, i, j))!.status}`)}</span>
                        ) : null}
                      </td>
                      <td>
                        {f && may('zone.propose') ? (
                          <a href={href('/zones/new', { survey_id: id, seq: String(seqOf(s, i, j)), organism: f.organism })}>{t('portal-zone-propose-here')}</a>
                        ) : null}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <ZonesOf path={`${path}/zones`} />
          <SampleTake survey={s} />
          <h2>{t('portal-acts')}</h2>
          {acts.data && acts.data.length > 0 ? (
            <ul>
              {acts.data.map((a) => (
                <li key={a.id}>
                  <a href={`#/acts/${a.id}`}>
                    {t(`portal-act-type-${a.act_type}`)} — {t(`portal-act-status-${a.status}`)}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('portal-acts-empty')}</p>
          )}
          {author ? (
            <form class="card" onSubmit={makeAct}>
              <Field label={t('portal-act-type')} id="new-act-type">
                <select id="new-act-type" value={actType} onChange={(e) => setActType(e.currentTarget.value)}>
                  {ACT_TYPES.map((x) => (
                    <option key={x} value={x}>
                      {t(`portal-act-type-${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('portal-act-language')} id="new-act-lang">
                <select id="new-act-lang" value={actLang} onChange={(e) => setActLang(e.currentTarget.value)}>
                  {['kk', 'ru', 'kk-ru'].map((x) => (
                    <option key={x} value={x}>
                      {t(`portal-act-language-${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <ErrorBox error={make.error} />
              <button type="submit" class="primary" disabled={make.busy}>
                {t('portal-act-make')}
              </button>
            </form>
          ) : null}
          <Documents owner="surveys" id={id} canAttach={user.value?.role === 'inspector' || user.value?.role === 'operator'} />
        </>
      ) : null}
    </section>
  );
}
