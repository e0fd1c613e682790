/**
 * What an administrator does to one person beyond role and status (issue 15): correct the
 * record (the answer to a rectification request, policy §14), and erase the account (R-PD-2)
 * after a confirmation that names what erasure does and what it keeps.
 */
import { useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import { t } from '../app/i18n-app.js';
import { navigate } from '../app/router.js';
import { api, fullName, user as me, type User } from '../app/session.js';
import { ErrorBox, Field, useAction } from '../app/ui.js';

type UpdateUserRequest = components['schemas']['UpdateUserRequest'];

const EDITABLE = ['surname', 'first_name', 'patronymic', 'iin', 'email', 'phone', 'position'] as const;
type Editable = (typeof EDITABLE)[number];

/** The fields that differ from the record, as the PATCH body (an empty patronymic clears it). */
export function changedFields(x: User, form: Partial<Record<Editable, string>>): UpdateUserRequest {
  const out: Record<string, string> = {};
  for (const k of EDITABLE) {
    const v = form[k];
    if (v === undefined) continue;
    const now = (x[k] as string | null | undefined) ?? '';
    if (v.trim() !== now) out[k] = v.trim();
  }
  return out as UpdateUserRequest;
}

/** Correct a person's record (administrators). */
export function EditPerson({ x, onSaved }: { x: User; onSaved: () => void }) {
  const [form, setForm] = useState<Partial<Record<Editable, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const body = changedFields(x, form);
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void save.run(async () => {
      await api.patch(`/api/v1/users/${x.id}`, body);
      setForm({});
      setSaved(true);
      onSaved();
    });
  };
  return (
    <details class="card">
      <summary>{t('portal-user-edit')}</summary>
      <form aria-label={t('portal-user-edit')} onSubmit={submit}>
        {EDITABLE.map((k) => (
          <Field key={k} label={t(`portal-user-${k.replace('_', '-')}`)} id={`ue-${k}`}>
            <input
              id={`ue-${k}`}
              type={(k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text') as 'text'}
              value={form[k] ?? (x[k] as string | null | undefined) ?? ''}
              onInput={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
            />
          </Field>
        ))}
        <ErrorBox error={save.error} />
        {saved ? (
          <p role="status" class="ok">
            {t('portal-user-edit-saved')}
          </p>
        ) : null}
        <button type="submit" disabled={save.busy || Object.keys(body).length === 0}>
          {t('portal-save')}
        </button>
      </form>
    </details>
  );
}

/** Erase the account, after a confirmation naming the consequences. Not offered for oneself. */
export function ErasePerson({ x }: { x: User }) {
  const [asking, setAsking] = useState(false);
  const erase = useAction();
  if (me.value?.id === x.id) return null;
  if (!asking)
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('portal-user-erase')}
      </button>
    );
  return (
    <div class="card danger" role="alertdialog" aria-labelledby="erase-h" aria-describedby="erase-list">
      <h2 id="erase-h">{t('portal-user-erase-title', { name: fullName(x) })}</h2>
      <ul id="erase-list">
        <li>{t('portal-user-erase-data')}</li>
        <li>{t('portal-user-erase-sessions')}</li>
        <li>{t('portal-user-erase-kept')}</li>
        <li>{t('portal-user-erase-final')}</li>
      </ul>
      <ErrorBox error={erase.error} />
      <div class="actions">
        <button
          type="button"
          class="danger"
          disabled={erase.busy}
          onClick={() =>
            void erase.run(async () => {
              await api.delete(`/api/v1/users/${x.id}`);
              navigate('/users');
            })
          }
        >
          {t('portal-user-erase-confirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)} disabled={erase.busy}>
          {t('portal-cancel')}
        </button>
      </div>
    </div>
  );
}
