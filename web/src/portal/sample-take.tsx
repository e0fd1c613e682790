/** A survey's laboratory samples (issue 14): the list, and taking one with a finding. */
import { useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import { api, may } from '../app/session.js';
import { ErrorBox, Field, Status, useAction, useLoad } from '../app/ui.js';
import type { SampleView, SurveyView } from '../api/types.js';
import { uuidv7 } from '../sync/uuid7.js';

/** Every finding of the survey with its number (from 1) and its point. */
function findingsOf(s: SurveyView): { seq: number; organism: string; lat: number; lon: number }[] {
  const out: { seq: number; organism: string; lat: number; lon: number }[] = [];
  for (const p of s.points) for (const f of p.findings ?? []) out.push({ seq: out.length + 1, organism: f.organism, lat: p.lat, lon: p.lon });
  return out;
}

export function SampleTake({ survey }: { survey: SurveyView }) {
  const list = useLoad((signal) => api.get<SampleView[]>('/api/v1/samples', { query: { survey_id: survey.id }, signal }), [survey.id]);
  const findings = findingsOf(survey);
  const [seq, setSeq] = useState(1);
  const [number, setNumber] = useState('');
  const [what, setWhat] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  const take = useAction();
  const canTake = may('sample.take') && findings.length > 0;
  const submit = (e: Event) => {
    e.preventDefault();
    const f = findings.find((x) => x.seq === seq);
    if (!f) return;
    void take.run(async () => {
      await api.post('/api/v1/samples', {
        id: uuidv7(),
        number,
        survey_id: survey.id,
        finding_seq: seq,
        what,
        quantity: Number(quantity),
        unit,
        lat: f.lat,
        lon: f.lon,
        taken_at: new Date().toISOString(),
      });
      setNumber('');
      list.reload();
    });
  };
  if (!canTake && !list.data?.length) return null;
  return (
    <section aria-labelledby="survey-samples">
      <h2 id="survey-samples">{t('portal-samples')}</h2>
      <ErrorBox error={list.error} />
      {list.data && list.data.length > 0 ? (
        <ul data-testid="survey-samples">
          {list.data.map((x) => (
            <li key={x.id}>
              <a href={`#/samples/${x.id}`}>{x.number}</a> <Status value={x.status} prefix="portal-sample-status" />
            </li>
          ))}
        </ul>
      ) : null}
      {canTake ? (
        <form class="card" onSubmit={submit}>
          <Field label={t('portal-survey-findings')} id="sample-finding">
            <select id="sample-finding" value={seq} onChange={(e) => setSeq(Number(e.currentTarget.value))}>
              {findings.map((f) => (
                <option key={f.seq} value={f.seq}>
                  {f.seq}. {f.organism}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-sample-number')} id="sample-number">
            <input id="sample-number" required value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
          </Field>
          <Field label={t('portal-sample-what')} id="sample-what">
            <input id="sample-what" required value={what} onInput={(e) => setWhat(e.currentTarget.value)} />
          </Field>
          <Field label={t('portal-sample-quantity')} id="sample-quantity">
            <input id="sample-quantity" type="number" min="0" step="any" required value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
          </Field>
          <Field label={t('portal-sample-unit')} id="sample-unit">
            <input id="sample-unit" required value={unit} onInput={(e) => setUnit(e.currentTarget.value)} />
          </Field>
          <ErrorBox error={take.error} />
          <button type="submit" disabled={take.busy}>
            {t('portal-sample-take')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
