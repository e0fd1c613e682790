/**
 * Reference data for administrators (R-OBJ-2, issue 15): browse each dictionary (organisms, crops,
 * object types, administrative units), search it, correct an entry, add one, retire one or bring
 * it back. Entries are never deleted: a retired one keeps old records meaningful. A whole dictionary
 * is loaded from a CSV or XLSX file with a diff preview first (reference-import.tsx).
 */
import { useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href, navigate } from '../app/router.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import { FIELDS, LISTS, putBody } from './ref-fields.js';
import { ReferenceImport } from './reference-import.js';
import { BoundaryUpload } from './boundaries.js';
import { keyOf, type RefEntry, type RefList } from './ref.js';

export { FIELDS, putBody } from './ref-fields.js';

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
  const [importing, setImporting] = useState(false);
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
        <div class="actions">
          <button type="button" onClick={() => setEditing('new')}>
            {t('portal-ref-add')}
          </button>
          <button type="button" aria-expanded={importing} onClick={() => setImporting(!importing)}>
            {t('portal-refimp-open')}
          </button>
        </div>
      </PageTitle>
      {importing ? <ReferenceImport list={list} onApplied={(d) => (d === list ? entries.reload() : navigate('/admin/reference', { list: d }))} onClose={() => setImporting(false)} /> : null}
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
