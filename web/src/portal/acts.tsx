/** Acts (R-ACT-1..3): the list with filters, and one act with its workflow, PDF and signing. */
import { useEffect, useState } from 'preact/hooks';
import { NcaLayerClient } from '../esign/ncalayer.js';
import { signAct } from '../esign/signin.js';
import { fmtTime, lang, t } from '../app/i18n-app.js';
import { actEvent } from '../app/live.js';
import type { ScreenProps } from '../app/registry.js';
import { href, navigate } from '../app/router.js';
import { api, user } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, Status, useAction, useLoad } from '../app/ui.js';
import type { ActChange, ActView, EventView, StepInput } from '../api/types.js';
import { Documents } from './documents.js';

export const ACT_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'signed', 'registered'] as const;
export const ACT_TYPES = ['quarantine-survey', 'crop-monitoring', 'sampling', 'prescription'] as const;

/** The steps this page has a button for. */
const STEP_BUTTONS = ['submit', 'approve', 'return', 'sign', 'register'] as const;
export type ActButton = 'edit' | (typeof STEP_BUTTONS)[number];

/**
 * The act page's buttons (R-ACT-2): exactly the steps the server says the caller may take
 * now (`ActView.steps`; the workflow table lives on the server only), and "edit" beside
 * "submit", since whoever may submit a draft may still change it. A step this page does not
 * know (a newer server) shows no button.
 */
export function actButtons(act: Pick<ActView, 'steps'>): ActButton[] {
  const steps: readonly string[] = act.steps;
  const buttons: ActButton[] = steps.includes('submit') ? ['edit'] : [];
  return [...buttons, ...STEP_BUTTONS.filter((s) => steps.includes(s))];
}

export function ActsList({ query }: ScreenProps) {
  const status = query.get('status') ?? '';
  const type = query.get('act_type') ?? '';
  const objectId = query.get('object_id') ?? '';
  const surveyId = query.get('survey_id') ?? '';
  const mine = query.get('mine') === 'true';
  const filters = { status, act_type: type, object_id: objectId, survey_id: surveyId, mine: mine ? 'true' : '' };
  const [after, setAfter] = useState<string[]>([]);
  const cursor = after[after.length - 1];
  const key = JSON.stringify(filters);
  useEffect(() => setAfter([]), [key]);
  const PAGE = 50;
  const { data, error, loading } = useLoad(
    (signal) => api.get<ActView[]>('/api/v1/acts', { query: { ...filters, after: cursor, limit: PAGE }, signal }),
    [key, cursor, actEvent.value],
  );
  const set = (k: string, v: string) => navigate('/acts', { ...filters, [k]: v });
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-acts')}>
        <a class="button" href={`/api/v1/acts/export?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()}`}>
          {t('portal-export-excel')}
        </a>
      </PageTitle>
      <form class="filters card" aria-label={t('portal-filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('portal-act-status')} id="a-status">
          <select id="a-status" value={status} onChange={(e) => set('status', e.currentTarget.value)}>
            <option value="">{t('portal-all')}</option>
            {ACT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`portal-act-status-${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('portal-act-type')} id="a-type">
          <select id="a-type" value={type} onChange={(e) => set('act_type', e.currentTarget.value)}>
            <option value="">{t('portal-all')}</option>
            {ACT_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`portal-act-type-${s}`)}
              </option>
            ))}
          </select>
        </Field>
        {user.value?.role === 'inspector' ? (
          <label class="check field">
            <input type="checkbox" checked={mine} onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : '')} /> {t('portal-only-mine')}
          </label>
        ) : null}
      </form>
      <ErrorBox error={error} />
      <Loading loading={loading} />
      {data && data.length === 0 ? <p>{t('portal-acts-empty')}</p> : null}
      {data && data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-act-number')}</th>
                <th scope="col">{t('portal-act-type')}</th>
                <th scope="col">{t('portal-act-status')}</th>
                <th scope="col">{t('portal-act-location')}</th>
                <th scope="col">{t('portal-updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`#/acts/${a.id}`}>{a.registry_number ?? t('portal-act-no-number')}</a>
                  </td>
                  <td>{t(`portal-act-type-${a.act_type}`)}</td>
                  <td>
                    <Status prefix="portal-act-status" value={a.status} />
                  </td>
                  <td>{a.content.location}</td>
                  <td>{fmtTime(a.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label={t('portal-paging')}>
        <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>
          {t('portal-prev-page')}
        </button>
        <button type="button" disabled={!data || data.length < PAGE} onClick={() => data && setAfter([...after, data[data.length - 1]?.id ?? ''])}>
          {t('portal-next-page')}
        </button>
      </nav>
    </section>
  );
}

export function ActPage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/acts/${encodeURIComponent(id)}`;
  const act = useLoad((signal) => api.get<ActView>(path, { signal }), [path]);
  const history = useLoad((signal) => api.get<EventView[]>(`${path}/history`, { signal }), [path, act.data?.version]);
  const step = useAction();
  const [comment, setComment] = useState('');
  const [location, setLocation] = useState('');
  const [conclusions, setConclusions] = useState('');
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState(false);
  const [pdfTick, setPdfTick] = useState(0);
  const a = act.data;
  const ev = actEvent.value;
  useEffect(() => {
    if (ev && ev.id === id) act.reload();
  }, [ev]);
  useEffect(() => {
    if (a) {
      setLocation(a.content.location);
      setConclusions(a.content.conclusions);
    }
  }, [a?.version]);
  const u = user.value;
  const buttons = a ? actButtons(a) : [];
  const after = () => {
    act.reload();
    setPdfTick((x) => x + 1);
  };
  const take = (name: 'submit' | 'approve' | 'return' | 'register') =>
    void step.run(async () => {
      if (!a) return;
      await api.post(`${path}/${name}`, { version: a.version, ...(name === 'return' ? { comment } : {}) } satisfies StepInput);
      setComment('');
      after();
    });
  const saveDraft = (e: Event) => {
    e.preventDefault();
    void step.run(async () => {
      if (!a) return;
      await api.patch(path, { version: a.version, location, conclusions } satisfies ActChange);
      setEditing(false);
      after();
    });
  };
  const sign = () => {
    setSigning(true);
    void step
      .run(async () => {
        if (!a) return;
        await signAct(a.id, a.version, { lang: lang.value, signer: new NcaLayerClient(), ...(api.csrfToken() ? { csrfToken: api.csrfToken() as string } : {}) });
        after();
      })
      .finally(() => setSigning(false));
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={a ? `${t('portal-act')} ${a.registry_number ?? ''}`.trim() : t('portal-act')}>
        {a ? <Status prefix="portal-act-status" value={a.status} /> : null}
      </PageTitle>
      <Loading loading={act.loading} />
      <ErrorBox error={act.error} />
      {a ? (
        <>
          <dl class="props card">
            <dt>{t('portal-act-type')}</dt>
            <dd>{t(`portal-act-type-${a.act_type}`)}</dd>
            <dt>{t('portal-act-status')}</dt>
            <dd data-testid="act-status">{t(`portal-act-status-${a.status}`)}</dd>
            <dt>{t('portal-act-number')}</dt>
            <dd>{a.registry_number ?? '—'}</dd>
            <dt>{t('portal-act-location')}</dt>
            <dd>{a.content.location || '—'}</dd>
            <dt>{t('portal-act-conclusions')}</dt>
            <dd>{a.content.conclusions || '—'}</dd>
            <dt>{t('portal-survey')}</dt>
            <dd>
              <a href={`#/surveys/${a.survey_id}`}>{fmtTime(a.content.surveyed_at)}</a>
            </dd>
            {a.object_id ? (
              <>
                <dt>{t('portal-object')}</dt>
                <dd>
                  <a href={`#/objects/${a.object_id}`}>{t('portal-open')}</a>
                </dd>
              </>
            ) : null}
          </dl>
          <div class="actions" role="group" aria-label={t('portal-act-actions')}>
            {buttons.includes('edit') ? (
              <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
                {t('portal-act-edit')}
              </button>
            ) : null}
            {buttons.includes('submit') ? (
              <button type="button" class="primary" disabled={step.busy} onClick={() => take('submit')}>
                {t('portal-act-submit')}
              </button>
            ) : null}
            {buttons.includes('approve') ? (
              <button type="button" class="primary" disabled={step.busy} onClick={() => take('approve')}>
                {t('portal-act-approve')}
              </button>
            ) : null}
            {buttons.includes('sign') ? (
              <button type="button" class="primary" disabled={step.busy} onClick={sign}>
                {t('web-sign-act')}
              </button>
            ) : null}
            {buttons.includes('register') ? (
              <button type="button" class="primary" disabled={step.busy} onClick={() => take('register')}>
                {t('portal-act-register')}
              </button>
            ) : null}
            {a.status === 'signed' || a.status === 'registered' ? (
              <a class="button" href={`${path}/signature.p7s`}>
                {t('portal-act-signature-file')}
              </a>
            ) : null}
          </div>
          {buttons.includes('return') ? (
            <form
              class="card"
              onSubmit={(e) => {
                e.preventDefault();
                take('return');
              }}
            >
              <Field label={t('portal-act-return-comment')} id="return-comment">
                <textarea id="return-comment" required rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
              </Field>
              <button type="submit" class="danger" disabled={step.busy}>
                {t('portal-act-return')}
              </button>
            </form>
          ) : null}
          {editing ? (
            <form class="card" onSubmit={saveDraft}>
              <Field label={t('portal-act-location')} id="act-location">
                <input id="act-location" value={location} onInput={(e) => setLocation(e.currentTarget.value)} />
              </Field>
              <Field label={t('portal-act-conclusions')} id="act-conclusions">
                <textarea id="act-conclusions" rows={4} value={conclusions} onInput={(e) => setConclusions(e.currentTarget.value)} />
              </Field>
              <button type="submit" class="primary" disabled={step.busy}>
                {t('portal-save')}
              </button>
            </form>
          ) : null}
          {signing ? <p role="status">{t('ncalayer-waiting')}</p> : null}
          <ErrorBox error={step.error} />
          <section aria-labelledby="act-pdf">
            <h2 id="act-pdf">{t('portal-act-pdf')}</h2>
            <p>
              <a href={`${path}/pdf`} target="_blank" rel="noopener">
                {t('portal-act-pdf-open')}
              </a>
            </p>
            <iframe class="pdf" title={t('portal-act-pdf')} src={`${path}/pdf#v=${a.version}-${pdfTick}`} key={`${a.version}-${pdfTick}`} />
          </section>
          <section aria-labelledby="act-hist">
            <h2 id="act-hist">{t('portal-act-history')}</h2>
            <ErrorBox error={history.error} />
            {history.data ? (
              <ol>
                {history.data.map((h, i) => (
                  <li key={i}>
                    {fmtTime(h.at)} — {t(`portal-act-status-${h.to_status}`)}
                    {h.comment ? <em>: {h.comment}</em> : null}
                  </li>
                ))}
              </ol>
            ) : null}
          </section>
          <Documents owner="acts" id={id} canAttach={u?.role === 'inspector' || u?.role === 'operator'} />
        </>
      ) : null}
    </section>
  );
}

export function goToAct(id: string): void {
  navigate(`/acts/${id}`);
}

export { href };
