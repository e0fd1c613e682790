/** Users and organisations (administrator; Heads read users) — R-ROLE-1, R-ORG-1, R-USER-1. */
import { useState } from 'preact/hooks';
import { fmtTime, localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api, fullName, hasRole, ROLES, type User } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, Status, useAction, useLoad } from '../app/ui.js';
import { EditPerson, ErasePerson } from './user-actions.js';
import type { ActivateRequest, CreateOrganizationRequest, CreateUserRequest, CreatedUser, OrganizationView, PasswordReset, RoleRequest, UpdateOrganizationRequest } from '../api/types.js';


const USER_STATUSES = ['pending', 'active', 'deactivated'] as const;

function useOrgs() {
  return useLoad((signal) => api.get<OrganizationView[]>('/api/v1/organizations', { signal }), []);
}

function orgName(orgs: OrganizationView[] | undefined, id: string | null | undefined): string {
  const o = orgs?.find((x) => x.id === id);
  return o ? localName(o) : '—';
}

function OrgSelect({ id, value, onChange, orgs, required }: { id: string; value: string; onChange: (v: string) => void; orgs: OrganizationView[]; required?: boolean }) {
  return (
    <select id={id} value={value} required={required} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">—</option>
      {orgs.map((o) => (
        <option key={o.id} value={o.id}>
          {'\u2003'.repeat(o.depth)}
          {localName(o)}
        </option>
      ))}
    </select>
  );
}

export function UsersList({ query }: ScreenProps) {
  const status = query.get('status') ?? '';
  const role = query.get('role') ?? '';
  const offset = Number(query.get('offset') ?? '0') || 0;
  const PAGE = 100;
  const list = useLoad((signal) => api.get<User[]>('/api/v1/users', { query: { status, role, offset, limit: PAGE }, signal }), [status, role, offset]);
  const orgs = useOrgs();
  const set = (k: string, v: string) => navigate('/users', { status, role, [k]: v, offset: undefined });
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-users')}>
        {hasRole('administrator') ? (
          <a class="button primary" href="#/users/new">
            {t('portal-user-new')}
          </a>
        ) : null}
      </PageTitle>
      <form class="filters card" aria-label={t('portal-filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('portal-user-status')} id="u-status">
          <select id="u-status" value={status} onChange={(e) => set('status', e.currentTarget.value)}>
            <option value="">{t('portal-all')}</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`portal-user-status-${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('portal-user-role')} id="u-role">
          <select id="u-role" value={role} onChange={(e) => set('role', e.currentTarget.value)}>
            <option value="">{t('portal-all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`portal-role-${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-user-name')}</th>
                <th scope="col">{t('portal-email')}</th>
                <th scope="col">{t('portal-user-role')}</th>
                <th scope="col">{t('portal-user-org')}</th>
                <th scope="col">{t('portal-user-status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((u) => (
                <tr key={u.id}>
                  <td>
                    <a href={`#/users/${u.id}`}>{fullName(u)}</a>
                  </td>
                  <td>{u.email}</td>
                  <td>{u.role ? t(`portal-role-${u.role}`) : '—'}</td>
                  <td>{orgName(orgs.data, u.organization_id)}</td>
                  <td>
                    <Status prefix="portal-user-status" value={u.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label={t('portal-paging')}>
        <button type="button" disabled={offset === 0} onClick={() => navigate('/users', { status, role, offset: Math.max(0, offset - PAGE) || undefined })}>
          {t('portal-prev-page')}
        </button>
        <button type="button" disabled={!list.data || list.data.length < PAGE} onClick={() => navigate('/users', { status, role, offset: offset + PAGE })}>
          {t('portal-next-page')}
        </button>
      </nav>
    </section>
  );
}

const PERSON_FIELDS = ['surname', 'first_name', 'patronymic', 'iin', 'email', 'phone', 'position'] as const;

export function NewUser(_props: ScreenProps) {
  const orgs = useOrgs();
  const [form, setForm] = useState<Record<string, string>>({ role: 'inspector' });
  const [password, setPassword] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const save = useAction();
  const set = (k: string, v: string) => setForm({ ...form, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(async () => {
      const answer = await api.post<CreatedUser>('/api/v1/users', {
        surname: form.surname ?? '',
        first_name: form.first_name ?? '',
        patronymic: form.patronymic || null,
        iin: form.iin ?? '',
        email: form.email ?? '',
        phone: form.phone ?? '',
        position: form.position ?? '',
        organization_id: form.organization_id ?? '',
        role: form.role ?? '',
      } satisfies CreateUserRequest);
      setPassword(answer.one_time_password);
      setCreated(answer.user.id);
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-user-new')} />
      {password ? (
        <div class="card" role="status">
          <p>{t('portal-user-one-time-password')}</p>
          <p>
            <code data-testid="one-time-password">{password}</code>
          </p>
          {created ? <a href={`#/users/${created}`}>{t('portal-open')}</a> : null}
        </div>
      ) : (
        <form class="card" onSubmit={submit}>
          {PERSON_FIELDS.map((k) => (
            <Field key={k} label={t(`portal-user-${k.replace('_', '-')}`)} id={`nu-${k}`}>
              <input
                id={`nu-${k}`}
                required={k !== 'patronymic'}
                type={(k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text') as 'text'}
                value={form[k] ?? ''}
                onInput={(e) => set(k, e.currentTarget.value)}
              />
            </Field>
          ))}
          <Field label={t('portal-user-org')} id="nu-org">
            <OrgSelect id="nu-org" required value={form.organization_id ?? ''} onChange={(v) => set('organization_id', v)} orgs={orgs.data ?? []} />
          </Field>
          <Field label={t('portal-user-role')} id="nu-role">
            <select id="nu-role" value={form.role} onChange={(e) => set('role', e.currentTarget.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`portal-role-${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <ErrorBox error={save.error} />
          <button type="submit" class="primary" disabled={save.busy}>
            {t('portal-save')}
          </button>
        </form>
      )}
    </section>
  );
}

export function UserPage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/users/${encodeURIComponent(id)}`;
  const u = useLoad((signal) => api.get<User>(path, { signal }), [path]);
  const orgs = useOrgs();
  const act = useAction();
  const [role, setRole] = useState('');
  const [org, setOrg] = useState('');
  const [password, setPassword] = useState<string | null>(null);
  const admin = hasRole('administrator');
  const x = u.data;
  const run = (fn: () => Promise<unknown>) =>
    void act.run(async () => {
      await fn();
      u.reload();
    });
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={x ? fullName(x) : t('portal-users')}>{x ? <Status prefix="portal-user-status" value={x.status} /> : null}</PageTitle>
      <Loading loading={u.loading} />
      <ErrorBox error={u.error} />
      {x ? (
        <>
          <dl class="props card">
            <dt>{t('portal-email')}</dt>
            <dd>{x.email}</dd>
            <dt>{t('portal-user-phone')}</dt>
            <dd>{x.phone ?? '—'}</dd>
            <dt>{t('portal-user-position')}</dt>
            <dd>{x.position}</dd>
            <dt>{t('portal-user-role')}</dt>
            <dd>{x.role ? t(`portal-role-${x.role}`) : '—'}</dd>
            <dt>{t('portal-user-org')}</dt>
            <dd>{orgName(orgs.data, x.organization_id)}</dd>
            <dt>{t('portal-created')}</dt>
            <dd>{fmtTime(x.created_at)}</dd>
          </dl>
          {admin ? (
            <div class="card">
              <div class="filters">
                <Field label={t('portal-user-role')} id="uu-role">
                  <select id="uu-role" value={role || x.role || ''} onChange={(e) => setRole(e.currentTarget.value)}>
                    <option value="">—</option>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`portal-role-${r}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                {x.status !== 'active' ? (
                  <Field label={t('portal-user-org')} id="uu-org">
                    <OrgSelect id="uu-org" value={org || x.organization_id || ''} onChange={setOrg} orgs={orgs.data ?? []} />
                  </Field>
                ) : null}
              </div>
              <div class="actions">
                {x.status === 'active' ? (
                  <>
                    <button type="button" disabled={act.busy || !role} onClick={() => run(() => api.put(`${path}/role`, { role } satisfies RoleRequest))}>
                      {t('portal-user-set-role')}
                    </button>
                    <button type="button" class="danger" disabled={act.busy} onClick={() => run(() => api.post(`${path}/deactivate`))}>
                      {t('portal-user-deactivate')}
                    </button>
                    <button
                      type="button"
                      disabled={act.busy}
                      onClick={() =>
                        void act.run(async () => {
                          const r = await api.post<PasswordReset>(`${path}/password-reset`);
                          setPassword(r.one_time_password);
                        })
                      }
                    >
                      {t('portal-user-reset-password')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    class="primary"
                    disabled={act.busy || !(role || x.role)}
                    onClick={() => run(() => api.post(`${path}/activate`, { role: role || x.role || '', organization_id: org || x.organization_id || null } satisfies ActivateRequest))}
                  >
                    {t('portal-user-activate')}
                  </button>
                )}
              </div>
              {password ? (
                <p role="status">
                  {t('portal-user-one-time-password')} <code>{password}</code>
                </p>
              ) : null}
              <ErrorBox error={act.error} />
            </div>
          ) : null}
          {admin ? <EditPerson x={x} onSaved={u.reload} /> : null}
          {admin ? <ErasePerson x={x} /> : null}
        </>
      ) : null}
    </section>
  );
}

export function OrgsPage(_props: ScreenProps) {
  const orgs = useOrgs();
  const [form, setForm] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const save = useAction();
  const set = (k: string, v: string) => setForm({ ...form, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(async () => {
      const body = {
        name_kk: form.name_kk ?? '',
        name_ru: form.name_ru ?? '',
        name_en: form.name_en || null,
        bin: form.bin || null,
        address: form.address || null,
      } satisfies UpdateOrganizationRequest;
      if (editing) await api.patch(`/api/v1/organizations/${editing}`, body);
      else await api.post('/api/v1/organizations', { ...body, parent_id: form.parent_id ?? '' } satisfies CreateOrganizationRequest);
      setForm({});
      setEditing(null);
      orgs.reload();
    });
  };
  const edit = (o: OrganizationView) => {
    setEditing(o.id);
    setForm({ name_kk: o.name_kk, name_ru: o.name_ru, name_en: o.name_en ?? '', bin: o.bin ?? '', address: o.address ?? '' });
    document.getElementById('org-name_kk')?.focus();
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-orgs')} />
      <Loading loading={orgs.loading} />
      <ErrorBox error={orgs.error} />
      <div class="two-col">
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-org-name')}</th>
                <th scope="col">{t('portal-org-bin')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('portal-actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(orgs.data ?? []).map((o) => (
                <tr key={o.id}>
                  <td>
                    {'\u2003'.repeat(o.depth)}
                    {localName(o)}
                  </td>
                  <td>{o.bin ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => edit(o)}>
                      {t('portal-edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form class="card" onSubmit={submit} aria-labelledby="org-form-title">
          <h2 id="org-form-title">{editing ? t('portal-org-edit') : t('portal-org-new')}</h2>
          {!editing ? (
            <Field label={t('portal-org-parent')} id="org-parent">
              <OrgSelect id="org-parent" required value={form.parent_id ?? ''} onChange={(v) => set('parent_id', v)} orgs={orgs.data ?? []} />
            </Field>
          ) : null}
          {(['name_kk', 'name_ru', 'name_en', 'bin', 'address'] as const).map((k) => (
            <Field key={k} label={t(`portal-org-${k.replace('_', '-')}`)} id={`org-${k}`}>
              <input id={`org-${k}`} required={k === 'name_kk' || k === 'name_ru'} value={form[k] ?? ''} onInput={(e) => set(k, e.currentTarget.value)} />
            </Field>
          ))}
          <ErrorBox error={save.error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={save.busy}>
              {t('portal-save')}
            </button>
            {editing ? (
              <button type="button" onClick={() => { setEditing(null); setForm({}); }}>
                {t('portal-cancel')}
              </button>
            ) : null}
          </div>
        </form>
      </div>
    </section>
  );
}
