/**
 * Self-registration (R-USER-2, R-USER-3, issue 15): a person asks for an account with their own
 * password; it stays pending until an administrator activates it with a role. The IIN is checked
 * here as the server checks it (format, check digit, birth date, 18 or over) before anything is
 * sent; the server checks everything again.
 */
import { useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import { t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';
import { iinProblem } from './iin.js';

type RegisterRequest = components['schemas']['RegisterRequest'];

const FIELDS = ['surname', 'first_name', 'patronymic', 'iin', 'email', 'phone', 'position'] as const;
const TYPES: Record<string, string> = { email: 'email', phone: 'tel' };
const AUTOCOMPLETE: Record<string, string> = { surname: 'family-name', first_name: 'given-name', email: 'email', phone: 'tel', position: 'organization-title' };

export default function Register(_props: ScreenProps) {
  const [form, setForm] = useState<Record<string, string>>({});
  const [iinTouched, setIinTouched] = useState(false);
  const [done, setDone] = useState(false);
  const save = useAction();
  const set = (k: string, v: string) => setForm({ ...form, [k]: v });
  const problem = iinProblem(form.iin ?? '');
  const mismatch = (form.password2 ?? '') !== '' && form.password !== form.password2;
  const submit = (e: Event) => {
    e.preventDefault();
    setIinTouched(true);
    if (problem || mismatch) return;
    void save.run(async () => {
      const body = {
        surname: form.surname ?? '',
        first_name: form.first_name ?? '',
        patronymic: form.patronymic || null,
        iin: (form.iin ?? '').trim(),
        email: (form.email ?? '').trim(),
        phone: form.phone ?? '',
        position: form.position ?? '',
        password: form.password ?? '',
        organization_id: null,
      } satisfies RegisterRequest;
      await api.post('/api/v1/register', body);
      setDone(true);
    });
  };
  if (done)
    return (
      <section class="narrow" aria-labelledby="page-title">
        <PageTitle title={t('portal-register-title')} />
        <div class="card" role="status">
          <p>{t('portal-register-pending')}</p>
          <a href="#/sign-in">{t('portal-sign-in')}</a>
        </div>
      </section>
    );
  const showIin = iinTouched && problem !== null && (form.iin ?? '') !== '';
  return (
    <section class="narrow" aria-labelledby="page-title">
      <PageTitle title={t('portal-register-title')} />
      <p class="muted">{t('portal-register-intro')}</p>
      <form class="card" onSubmit={submit} noValidate={false}>
        {FIELDS.map((k) => (
          <Field key={k} label={t(`portal-user-${k.replace('_', '-')}`)} id={`rg-${k}`}>
            <input
              id={`rg-${k}`}
              required={k !== 'patronymic'}
              type={(TYPES[k] ?? 'text') as 'text'}
              inputMode={k === 'iin' ? 'numeric' : undefined}
              autocomplete={AUTOCOMPLETE[k]}
              aria-invalid={k === 'iin' && showIin ? 'true' : undefined}
              aria-describedby={k === 'iin' && showIin ? 'rg-iin-problem' : undefined}
              value={form[k] ?? ''}
              onInput={(e) => set(k, e.currentTarget.value)}
              onBlur={k === 'iin' ? () => setIinTouched(true) : undefined}
            />
          </Field>
        ))}
        {showIin ? (
          <p id="rg-iin-problem" class="error" role="alert">
            {t(`portal-register-${problem}`)}
          </p>
        ) : null}
        <Field label={t('portal-password')} id="rg-password">
          <input id="rg-password" type="password" autocomplete="new-password" required value={form.password ?? ''} onInput={(e) => set('password', e.currentTarget.value)} />
        </Field>
        <Field label={t('portal-register-password2')} id="rg-password2">
          <input
            id="rg-password2"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid={mismatch ? 'true' : undefined}
            value={form.password2 ?? ''}
            onInput={(e) => set('password2', e.currentTarget.value)}
          />
        </Field>
        {mismatch ? (
          <p class="error" role="alert">
            {t('portal-register-mismatch')}
          </p>
        ) : null}
        <ErrorBox error={save.error} />
        <button type="submit" class="primary" disabled={save.busy}>
          {t('portal-register-send')}
        </button>
      </form>
    </section>
  );
}
