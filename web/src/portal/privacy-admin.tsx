/** Privacy for administrators (R-PD-1, R-PD-4, issue 15): publish a policy version (Kazakh and
 * Russian text, effective date), resolve the requests to withdraw consent, and the requests to
 * rectify personal data (correct the person's record, then mark the request done, or reject it). */
import { useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import type { PolicyView } from '../api/types.js';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';

type WithdrawalView = components['schemas']['WithdrawalView'];
type PublishPolicy = components['schemas']['PublishPolicy'];
type ResolveWithdrawal = components['schemas']['ResolveWithdrawal'];
type RectificationView = components['schemas']['RectificationView'];
type ResolveRectification = components['schemas']['ResolveRectification'];

const OUTCOMES = ['rejected', 'account-deactivated', 'account-deleted'] as const;
const RECT_OUTCOMES = ['corrected', 'rejected'] as const;

function Publish({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const save = useAction();
  const set = (k: string) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    setDone(null);
    void save.run(async () => {
      const body = {
        version: form.version ?? '',
        effective_from: form.effective_from ?? '',
        text_kk: form.text_kk ?? '',
        text_ru: form.text_ru || null,
      } satisfies PublishPolicy;
      const p = await api.post<PolicyView>('/api/v1/policy', body);
      setDone(p.version);
      setForm({});
      onDone();
    });
  };
  return (
    <form aria-labelledby="pp-h" onSubmit={submit}>
      <h2 id="pp-h">{t('privacy-admin-publish')}</h2>
      <Field label={t('privacy-admin-version')} id="pp-version">
        <input id="pp-version" required value={form.version ?? ''} onInput={set('version')} />
      </Field>
      <Field label={t('privacy-admin-effective')} id="pp-effective">
        <input id="pp-effective" type="date" required value={form.effective_from ?? ''} onInput={set('effective_from')} />
      </Field>
      <Field label={t('privacy-admin-text-kk')} id="pp-kk">
        <textarea id="pp-kk" lang="kk" rows={8} required value={form.text_kk ?? ''} onInput={set('text_kk')} />
      </Field>
      <Field label={t('privacy-admin-text-ru')} id="pp-ru">
        <textarea id="pp-ru" lang="ru" rows={8} value={form.text_ru ?? ''} onInput={set('text_ru')} />
      </Field>
      <ErrorBox error={save.error} />
      {done ? (
        <p role="status" class="ok">
          {t('privacy-admin-published', { version: done })}
        </p>
      ) : null}
      <button type="submit" disabled={save.busy}>
        {t('privacy-admin-publish-button')}
      </button>
    </form>
  );
}

function Resolve({ w, onDone }: { w: WithdrawalView; onDone: () => void }) {
  const [outcome, setOutcome] = useState<string>('rejected');
  const [comment, setComment] = useState('');
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    if (outcome === 'account-deleted' && !window.confirm(t('privacy-admin-erase-confirm'))) return;
    void act.run(async () => {
      const body = { outcome, comment: comment || null } satisfies ResolveWithdrawal;
      await api.post(`/api/v1/privacy/withdrawals/${w.id}/resolve`, body);
      onDone();
    });
  };
  const id = `wd-${w.id}`;
  return (
    <form class="inline" aria-label={t('privacy-admin-resolve')} onSubmit={submit}>
      <label for={`${id}-outcome`}>{t('privacy-admin-outcome')}</label>{' '}
      <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`privacy-admin-outcome-${o}`)}
          </option>
        ))}
      </select>{' '}
      <label for={`${id}-comment`}>{t('privacy-admin-comment')}</label>{' '}
      <input id={`${id}-comment`} value={comment} onInput={(e) => setComment((e.target as HTMLInputElement).value)} />{' '}
      <button type="submit" disabled={act.busy}>
        {t('privacy-admin-resolve')}
      </button>
      <ErrorBox error={act.error} />
    </form>
  );
}

function ResolveRect({ r, onDone }: { r: RectificationView; onDone: () => void }) {
  const [outcome, setOutcome] = useState<string>('corrected');
  const [comment, setComment] = useState('');
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      const body = { outcome, comment: comment || null } satisfies ResolveRectification;
      await api.post(`/api/v1/privacy/rectifications/${r.id}/resolve`, body);
      onDone();
    });
  };
  const id = `rc-${r.id}`;
  return (
    <form class="inline" aria-label={t('privacy-admin-rect-resolve')} onSubmit={submit}>
      <label for={`${id}-outcome`}>{t('privacy-admin-outcome')}</label>{' '}
      <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
        {RECT_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`privacy-admin-rect-outcome-${o}`)}
          </option>
        ))}
      </select>{' '}
      <label for={`${id}-comment`}>{t('privacy-admin-comment')}</label>{' '}
      <input id={`${id}-comment`} value={comment} onInput={(e) => setComment((e.target as HTMLInputElement).value)} />{' '}
      <button type="submit" disabled={act.busy}>
        {t('privacy-admin-resolve')}
      </button>
      <ErrorBox error={act.error} />
    </form>
  );
}

function Rectifications() {
  const open = useLoad((signal) => api.get<RectificationView[]>('/api/v1/privacy/rectifications?status=open', { signal }), []);
  return (
    <section aria-labelledby="rc-h">
      <h2 id="rc-h">{t('privacy-admin-rectifications')}</h2>
      <Loading loading={open.loading} />
      <ErrorBox error={open.error} />
      {open.data && open.data.length === 0 ? <p class="muted">{t('privacy-admin-no-rectifications')}</p> : null}
      <ul>
        {(open.data ?? []).map((r) => (
          <li key={r.id}>
            <strong>{r.user ? `${r.user.surname} ${r.user.first_name}` : r.user_id}</strong>{' '}
            <span class="muted">{fmtTime(r.filed_at)}</span>{' '}
            <a href={`#/users/${r.user_id}`}>{t('privacy-admin-rect-open-person')}</a>
            <blockquote>{r.details}</blockquote>
            <ResolveRect r={r} onDone={open.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function PrivacyAdmin(_props: ScreenProps) {
  const current = useLoad((signal) => api.get<PolicyView>('/api/v1/policy/current', { signal }).catch(() => null), []);
  const open = useLoad((signal) => api.get<WithdrawalView[]>('/api/v1/privacy/withdrawals?status=open', { signal }), []);
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('privacy-admin-title')} />
      <p>
        {/* Not "none" while it loads: an administrator must not read that no policy is in force. */}
        {current.loading
          ? t('portal-loading')
          : current.data
            ? t('privacy-admin-in-force', { version: current.data.version, date: current.data.effective_from })
            : t('privacy-admin-none')}
      </p>
      <div class="two-col">
        <Publish onDone={current.reload} />
        <section aria-labelledby="wd-h">
          <h2 id="wd-h">{t('privacy-admin-withdrawals')}</h2>
          <Loading loading={open.loading} />
          <ErrorBox error={open.error} />
          {open.data && open.data.length === 0 ? <p class="muted">{t('privacy-admin-no-withdrawals')}</p> : null}
          <ul>
            {(open.data ?? []).map((w) => (
              <li key={w.id}>
                <strong>{w.user ? `${w.user.surname} ${w.user.first_name}` : w.user_id}</strong>{' '}
                <span class="muted">{fmtTime(w.filed_at)}</span>
                <blockquote>{w.reason}</blockquote>
                <Resolve w={w} onDone={open.reload} />
              </li>
            ))}
          </ul>
        </section>
      </div>
      <Rectifications />
    </section>
  );
}
