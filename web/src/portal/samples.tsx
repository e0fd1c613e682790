/** Laboratory samples (issue 14): the list (overdue referrals for the Head), and a sample's
 * page with its label and each step: refer to a laboratory, receive, enter the result. */
import { useRef, useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api, may } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, Status, useAction, useLoad } from '../app/ui.js';
import type { SampleView } from '../api/types.js';
import { attach } from './zones.js';

export const SAMPLE_STATUSES = ['taken', 'sent', 'received', 'result'] as const;

export function SamplesList({ query }: ScreenProps) {
  const status = query.get('status') ?? '';
  const overdue = query.get('overdue') === 'true';
  const list = useLoad(
    (signal) => api.get<SampleView[]>('/api/v1/samples', { query: { status: status || undefined, overdue: overdue || undefined }, signal }),
    [status, overdue],
  );
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-samples')} />
      <p>
        <a class="button" href="#/samples">
          {t('portal-all')}
        </a>
        <a class="button" href="#/samples?overdue=true">
          {t('portal-samples-overdue')}
        </a>
        {SAMPLE_STATUSES.map((s) => (
          <a key={s} class="button" href={`#/samples?status=${s}`}>
            {t(`portal-sample-status-${s}`)}
          </a>
        ))}
      </p>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('portal-samples-empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-sample-number')}</th>
                <th scope="col">{t('portal-sample-status')}</th>
                <th scope="col">{t('portal-finding-organism')}</th>
                <th scope="col">{t('portal-sample-taken-at')}</th>
                <th scope="col">{t('portal-sample-sent-at')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`#/samples/${s.id}`}>{s.number}</a>
                  </td>
                  <td>
                    <Status value={s.status} prefix="portal-sample-status" />
                  </td>
                  <td>{s.organism}</td>
                  <td>{fmtTime(s.taken_at)}</td>
                  <td>{s.sent_at ? fmtTime(s.sent_at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Refer({ s, done }: { s: SampleView; done: () => void }) {
  const [lab, setLab] = useState('');
  const [referral, setReferral] = useState('');
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      await api.post(`/api/v1/samples/${s.id}/refer`, {
        version: s.version,
        laboratory_organization_id: lab,
        referral_number: referral || undefined,
      });
      done();
    });
  };
  return (
    <form class="card" onSubmit={submit}>
      <Field label={t('portal-sample-laboratory')} id="sample-lab" hint={t('portal-sample-laboratory-hint')}>
        <input id="sample-lab" required value={lab} onInput={(e) => setLab(e.currentTarget.value.trim())} aria-describedby="sample-lab-hint" />
      </Field>
      <Field label={t('portal-sample-referral')} id="sample-referral">
        <input id="sample-referral" value={referral} onInput={(e) => setReferral(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={act.error} />
      <button type="submit" class="primary" disabled={act.busy}>
        {t('portal-sample-refer')}
      </button>
    </form>
  );
}

function Receive({ s, done }: { s: SampleView; done: () => void }) {
  const act = useAction();
  return (
    <p>
      <ErrorBox error={act.error} />
      <button
        type="button"
        class="primary"
        disabled={act.busy}
        onClick={() =>
          void act.run(async () => {
            await api.post(`/api/v1/samples/${s.id}/receive`, { version: s.version });
            done();
          })
        }
      >
        {t('portal-sample-receive')}
      </button>
    </p>
  );
}

function Result({ s, done }: { s: SampleView; done: () => void }) {
  const [organism, setOrganism] = useState(s.organism);
  const [method, setMethod] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const pdf = file.current?.files?.[0];
    if (!pdf) return;
    void act.run(async () => {
      const report = await attach('samples', s.id, pdf);
      await api.post(`/api/v1/samples/${s.id}/result`, {
        version: s.version,
        organism: organism.trim() || undefined,
        method,
        conclusion_number: number,
        conclusion_date: date,
        report_document_id: report,
      });
      done();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="result-title">
      <h2 id="result-title">{t('portal-sample-result')}</h2>
      <Field label={t('portal-sample-identified')} id="result-organism" hint={t('portal-sample-identified-hint')}>
        <input id="result-organism" value={organism} onInput={(e) => setOrganism(e.currentTarget.value)} aria-describedby="result-organism-hint" />
      </Field>
      <Field label={t('portal-sample-method')} id="result-method">
        <input id="result-method" required value={method} onInput={(e) => setMethod(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-sample-conclusion-number')} id="result-number">
        <input id="result-number" required value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-sample-conclusion-date')} id="result-date">
        <input id="result-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-sample-report')} id="result-report">
        <input id="result-report" type="file" required accept=".pdf,application/pdf" ref={file} />
      </Field>
      <ErrorBox error={act.error} />
      <button type="submit" class="primary" disabled={act.busy}>
        {t('portal-sample-result-save')}
      </button>
    </form>
  );
}

export function SamplePage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/samples/${encodeURIComponent(id)}`;
  const sample = useLoad((signal) => api.get<SampleView>(path, { signal }), [path]);
  const s = sample.data;
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={s ? `${t('portal-sample')} ${s.number}` : t('portal-sample')}>
        {s ? (
          <a class="button" href={`${path}/label`} target="_blank" rel="noopener">
            {t('portal-sample-label')}
          </a>
        ) : null}
      </PageTitle>
      <Loading loading={sample.loading} />
      <ErrorBox error={sample.error} />
      {s ? (
        <>
          <dl class="props card">
            <dt>{t('portal-sample-status')}</dt>
            <dd data-testid="sample-status">
              <Status value={s.status} prefix="portal-sample-status" />
            </dd>
            <dt>{t('portal-finding-organism')}</dt>
            <dd>{s.organism}</dd>
            <dt>{t('portal-sample-what')}</dt>
            <dd>
              {s.what}, {s.quantity} {s.unit}
            </dd>
            <dt>{t('portal-sample-taken-at')}</dt>
            <dd>
              {fmtTime(s.taken_at)} ({s.lat.toFixed(5)}, {s.lon.toFixed(5)})
            </dd>
            <dt>{t('portal-survey')}</dt>
            <dd>
              <a href={`#/surveys/${s.survey_id}`} onClick={(e) => (e.preventDefault(), navigate(`/surveys/${s.survey_id}`))}>
                {t('portal-open')}
              </a>
            </dd>
            {s.outcome ? (
              <>
                <dt>{t('portal-sample-result')}</dt>
                <dd data-testid="sample-outcome">
                  {t(`portal-sample-outcome-${s.outcome}`)} {s.identified ?? ''} — {s.conclusion_number} ({s.conclusion_date})
                </dd>
              </>
            ) : null}
          </dl>
          {s.status === 'taken' && may('sample.refer') ? <Refer s={s} done={sample.reload} /> : null}
          {s.status === 'sent' && may('sample.receive') ? <Receive s={s} done={sample.reload} /> : null}
          {s.status === 'received' && may('sample.result') ? <Result s={s} done={sample.reload} /> : null}
        </>
      ) : null}
    </section>
  );
}
