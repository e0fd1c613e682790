/**
 * Reference data for administrators (R-OBJ-2, issue 15): browse each dictionary (organisms, crops,
 * object types, administrative units), search it, correct an entry, add one, retire one or bring
 * it back. Entries are never deleted: a retired one keeps old records meaningful.
 */
import { useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href } from '../app/router.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import { BoundaryUpload } from './boundaries.js';
import { keyOf, type RefEntry, type RefList } from './ref.js';

type FieldSpec = { name: string; options?: readonly string[]; required?: boolean };

const LISTS: readonly RefList[] = ['organisms', 'crops', 'object-types', 'admin-units'];

/** Each dictionary's fields besides its key and `active`, as the server's PUT takes them. */
export const FIELDS: Record<RefList, FieldSpec[]> = {
  organisms: [
    { name: 'kind', options: ['pest', 'disease', 'weed'], required: true },
    { name: 'category', options: ['absent', 'limited', 'regulated_non_quarantine', 'other'], required: true },
    { name: 'name_la', required: true },
    { name: 'name_kk' },
    { name: 'name_ru', required: true },
    { name: 'name_en' },
  ],
  crops: [{ name: 'eppo_code' }, { name: 'name_la' }, { name: 'name_kk', required: true }, { name: 'name_ru', required: true }, { name: 'name_en' }],
  'object-types': [{ name: 'geometry', options: ['point', 'polygon', 'any'], required: true }, { name: 'name_kk', required: true }, { name: 'name_ru', required: true }, { name: 'name_en' }],
  'admin-units': [
    { name: 'level', options: ['region', 'city_republican', 'district', 'city_regional'], required: true },
    { name: 'parent_kato' },
    { name: 'name_kk', required: true },
    { name: 'name_ru', required: true },
    { name: 'name_en' },
  ],
};

/** The PUT body: every field, empty optional ones as null, and whether the entry is in use. */
export function putBody(list: RefList, form: Record<string, string>, active: boolean): Record<string, string | boolean | null> {
  const body: Record<string, string | boolean | null> = { active };
  for (const f of FIELDS[list]) {
    const v = (form[f.name] ?? '').trim();
    body[f.name] = v === '' && !f.required ? null : v;
  }
  return body;
}

function formOf(list: RefList, e: RefEntry | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS[list]) {
    const v = e ? (e as unknown as Record<string, unknown>)[f.name] : undefined;
    out[f.name] = typeof v === 'string' ? v : (f.options?.[0] ?? '');
  }
  return out;
}

function EntryForm({ list, entry, onSaved, onCancel }: { list: RefList; entry: RefEntry | null; onSaved: () => void; onCancel: () => void }) {
  const [key, setKey] = useState(entry ? keyOf(list, entry) : '');
  const [form, setForm] = useState(formOf(list, entry));
  const save = useAction();
  const active = entry ? (entry as { active: boolean }).active : true;
  const put = (nowActive: boolean) =>
    void save.run(async () => {
      await api.put(`/api/v1/reference/${list}/${encodeURIComponent(key.trim())}`, putBody(list, form, nowActive));
      onSaved();
    });
  return (
    <form
      class="card"
      aria-labelledby="ref-form-h"
      onSubmit={(e) => {
        e.preventDefault();
        put(active);
      }}
    >
      <h2 id="ref-form-h">{entry ? t('portal-ref-edit', { key }) : t('portal-ref-add')}</h2>
      {entry ? null : (
        <Field label={t(`portal-ref-key-${list}`)} id="rf-key">
          <input id="rf-key" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        </Field>
      )}
      {FIELDS[list].map((f) => (
        <Field key={f.name} label={t(`portal-ref-field-${f.name.replace('_', '-')}`)} id={`rf-${f.name}`}>
          {f.options ? (
            <select id={`rf-${f.name}`} value={form[f.name]} onChange={(e) => setForm({ ...form, [f.name]: e.currentTarget.value })}>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input id={`rf-${f.name}`} required={f.required} value={form[f.name]} onInput={(e) => setForm({ ...form, [f.name]: e.currentTarget.value })} />
          )}
        </Field>
      ))}
      <ErrorBox error={save.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('portal-save')}
        </button>
        {entry ? (
          <button type="button" class={active ? 'danger' : ''} disabled={save.busy} onClick={() => put(!active)}>
            {active ? t('portal-ref-retire') : t('portal-ref-unretire')}
          </button>
        ) : null}
        <button type="button" onClick={onCancel}>
          {t('portal-cancel')}
        </button>
      </div>
    </form>
  );
}

export default function ReferenceAdmin({ query }: ScreenProps) {
  const list = (LISTS as readonly string[]).includes(query.get('list') ?? '') ? (query.get('list') as RefList) : 'organisms';
  const [q, setQ] = useState('');
  const [retired, setRetired] = useState(false);
  const [editing, setEditing] = useState<RefEntry | 'new' | null>(null);
  const entries = useLoad(
    (signal) => api.get<RefEntry[]>(`/api/v1/reference/${list}`, { query: { q: q || undefined, include_retired: retired || undefined }, signal }),
    [list, q, retired],
  );
  const done = () => {
    setEditing(null);
    entries.reload();
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-ref-title')}>
        <button type="button" onClick={() => setEditing('new')}>
          {t('portal-ref-add')}
        </button>
      </PageTitle>
      <nav aria-label={t('portal-ref-lists')} class="actions">
        {LISTS.map((l) => (
          <a key={l} class="button" aria-current={l === list ? 'page' : undefined} href={href('/admin/reference', { list: l })} onClick={() => setEditing(null)}>
            {t(`portal-ref-list-${l}`)}
          </a>
        ))}
      </nav>
      <div class="filters">
        <Field label={t('portal-search')} id="ref-q">
          <input id="ref-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </Field>
        <label class="check">
          <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.currentTarget.checked)} />
          {t('portal-ref-show-retired')}
        </label>
      </div>
      {list === 'admin-units' ? <BoundaryUpload /> : null}
      {editing ? <EntryForm key={editing === 'new' ? 'new' : keyOf(list, editing)} list={list} entry={editing === 'new' ? null : editing} onSaved={done} onCancel={() => setEditing(null)} /> : null}
      <Loading loading={entries.loading} />
      <ErrorBox error={entries.error} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t(`portal-ref-key-${list}`)}</th>
              <th scope="col">{t('portal-ref-name')}</th>
              <th scope="col">{t('portal-ref-state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('portal-ref-actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(entries.data ?? []).map((e) => {
              const key = keyOf(list, e);
              const active = (e as { active: boolean }).active;
              return (
                <tr key={key}>
                  <td>
                    <code>{key}</code>
                  </td>
                  <td>{localName(e, key)}</td>
                  <td>{active ? t('portal-ref-active') : t('portal-ref-retired')}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(e)} aria-label={t('portal-ref-edit', { key })}>
                      {t('portal-object-edit')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
