/** My account: who I am, my sessions, my data (R-PD-1: view and export own data; withdrawal request). */
import { useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api, fullName, user } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction, useLoad } from '../app/ui.js';
import type { FileWithdrawal, SessionView } from '../api/types.js';


export default function Me(_props: ScreenProps) {
  const u = user.value;
  const sessions = useLoad((signal) => api.get<SessionView[]>('/api/v1/auth/sessions', { signal }), []);
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const withdraw = useAction();
  if (!u) return null;
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-me')} />
      <dl class="props card">
        <dt>{t('portal-user-name')}</dt>
        <dd>{fullName(u)}</dd>
        <dt>{t('portal-email')}</dt>
        <dd>{u.email}</dd>
        <dt>{t('portal-user-role')}</dt>
        <dd>{u.role ? t(`portal-role-${u.role}`) : '—'}</dd>
        <dt>{t('portal-user-position')}</dt>
        <dd>{u.position}</dd>
      </dl>
      <p class="actions">
        <a class="button" href="#/password">
          {t('portal-password-title')}
        </a>
        <a class="button" href="/api/v1/me/data/export" download="my-data.json">
          {t('portal-me-export')}
        </a>
      </p>
      <h2>{t('portal-me-sessions')}</h2>
      <ErrorBox error={sessions.error} />
      <ul>
        {(sessions.data ?? []).map((s) => (
          <li key={s.id}>
            {fmtTime(s.created_at)} — {fmtTime(s.last_seen_at)}
          </li>
        ))}
      </ul>
      <h2>{t('portal-me-withdraw')}</h2>
      {sent ? (
        <p role="status">{t('portal-me-withdraw-sent')}</p>
      ) : (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void withdraw.run(async () => {
              await api.post('/api/v1/privacy/withdrawals', { reason } satisfies FileWithdrawal);
              setSent(true);
            });
          }}
        >
          <Field label={t('portal-me-withdraw-reason')} id="wd-reason">
            <textarea id="wd-reason" required rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <ErrorBox error={withdraw.error} />
          <button type="submit" disabled={withdraw.busy}>
            {t('portal-me-withdraw-send')}
          </button>
        </form>
      )}
    </section>
  );
}
