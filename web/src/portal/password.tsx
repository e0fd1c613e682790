/** The new password asked for after a one-time password (auth-password-change-required). */
import { useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api, loadMe } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';
import type { ChangePasswordRequest } from '../api/types.js';

export default function ChangePassword(_props: ScreenProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    if (next !== again) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    void action.run(async () => {
      await api.post('/api/v1/auth/password', { current_password: current, new_password: next } satisfies ChangePasswordRequest);
      setDone(true);
      await loadMe();
    });
  };
  return (
    <section class="narrow" aria-labelledby="page-title">
      <PageTitle title={t('portal-password-title')} />
      <p>{t('portal-password-intro')}</p>
      <form onSubmit={submit} class="card">
        <Field label={t('portal-password-current')} id="pw-current">
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-password-new')} id="pw-new">
          <input id="pw-new" type="password" autoComplete="new-password" required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-password-again')} id="pw-again">
          <input id="pw-again" type="password" autoComplete="new-password" required value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        </Field>
        {mismatch ? (
          <p class="error" role="alert">
            {t('portal-password-mismatch')}
          </p>
        ) : null}
        <ErrorBox error={action.error} />
        {done ? <p role="status">{t('portal-saved')}</p> : null}
        <button type="submit" class="primary" disabled={action.busy}>
          {t('portal-save')}
        </button>
      </form>
    </section>
  );
}
