/** My account: who I am, my sessions, my data (R-PD-1: view and export own data; withdrawal request;
 * policy §14, issue 15: correct my own phone and position, ask an administrator to rectify the rest). */
import { useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api, fullName, user, type User } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction, useLoad } from '../app/ui.js';
import type { components } from '../api/schema.js';
import type { FileWithdrawal, SessionView } from '../api/types.js';

type OwnProfileChange = components['schemas']['OwnProfileChange'];
type FileRectification = components['schemas']['FileRectification'];

/** My phone and position, which I correct myself. */
function OwnDetails({ u }: { u: User }) {
  const [phone, setPhone] = useState(u.phone ?? '');
  const [position, setPosition] = useState(u.position);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void save.run(async () => {
      const body = { phone: phone.trim() || null, position } satisfies OwnProfileChange;
      user.value = await api.patch<User>('/api/v1/me', body);
      setSaved(true);
    });
  };
  return (
    <form class="card" aria-labelledby="own-h" onSubmit={submit}>
      <h2 id="own-h">{t('portal-me-own')}</h2>
      <Field label={t('portal-user-phone')} id="own-phone">
        <input id="own-phone" type="tel" autocomplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-user-position')} id="own-position">
        <input id="own-position" required value={position} onInput={(e) => setPosition(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={save.error} />
      {saved ? (
        <p role="status" class="ok">
          {t('portal-me-own-saved')}
        </p>
      ) : null}
      <button type="submit" disabled={save.busy}>
        {t('portal-save')}
      </button>
    </form>
  );
}

/** A request to rectify what I cannot change myself (name, IIN, e-mail). */
function Rectify() {
  const [details, setDetails] = useState('');
  const [sent, setSent] = useState(false);
  const file = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void file.run(async () => {
      await api.post('/api/v1/privacy/rectifications', { details } satisfies FileRectification);
      setDetails('');
      setSent(true);
    });
  };
  return (
    <form class="card" aria-labelledby="rect-h" onSubmit={submit}>
      <h2 id="rect-h">{t('portal-me-rectify')}</h2>
      <p class="muted">{t('portal-me-rectify-hint')}</p>
      <Field label={t('portal-me-rectify-details')} id="rect-details">
        <textarea id="rect-details" required rows={3} value={details} onInput={(e) => setDetails(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={file.error} />
      {sent ? <p role="status">{t('portal-me-rectify-sent')}</p> : null}
      <button type="submit" disabled={file.busy}>
        {t('portal-me-rectify-send')}
      </button>
    </form>
  );
}

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
      <OwnDetails u={u} />
      <Rectify />
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
