/** Sign-in: e-mail and password, or the e-signature through NCALayer (R-AUTH-1, R-AUTH-2). */
import { useState } from 'preact/hooks';
import { NcaLayerClient } from '../esign/ncalayer.js';
import { signIn } from '../esign/signin.js';
import { lang, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api, signedIn } from '../app/session.js';
import type { LoginRequest, LoginResponse } from '../api/types.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';

export default function SignIn(_props: ScreenProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const pw = useAction();
  const es = useAction();
  const [waiting, setWaiting] = useState(false);

  const submit = (e: Event) => {
    e.preventDefault();
    void pw.run(async () => {
      const answer = await api.post<LoginResponse>('/api/v1/auth/login', { email: email.trim(), password } satisfies LoginRequest);
      signedIn(answer);
    });
  };
  const withSignature = () => {
    setWaiting(true);
    void es
      .run(async () => {
        const answer = await signIn({ lang: lang.value, signer: new NcaLayerClient() });
        signedIn(answer);
      })
      .finally(() => setWaiting(false));
  };

  return (
    <section class="narrow" aria-labelledby="page-title">
      <PageTitle title={t('portal-sign-in')} />
      <form onSubmit={submit} class="card">
        <Field label={t('portal-email')} id="email">
          <input id="email" type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-password')} id="password">
          <input id="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <ErrorBox error={pw.error} />
        <button type="submit" class="primary" disabled={pw.busy}>
          {t('portal-sign-in-button')}
        </button>
      </form>
      <div class="card">
        <button type="button" onClick={withSignature} disabled={es.busy}>
          {t('web-sign-in-with-signature')}
        </button>
        {waiting ? <p role="status">{t('ncalayer-waiting')}</p> : null}
        <ErrorBox error={es.error} />
      </div>
      <p>
        <a href="#/register">{t('portal-register-link')}</a>
      </p>
    </section>
  );
}
