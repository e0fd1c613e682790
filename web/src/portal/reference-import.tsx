/**
 * Loading a whole dictionary from a file (issue 15, R-OBJ-2): how the operator loads a new edition
 * of the EAEU reference book of quarantine objects. Choose the dictionary and a CSV (UTF-8, comma
 * or semicolon) or XLSX file; the server checks every row and answers what would change — entries
 * added, changed (old → new per field) and retired (left out of the file, unless it is partial) —
 * and the refused rows. Nothing is written until Apply, which sends the same file with the
 * preview's token: all or nothing, refused if the dictionary changed in between.
 */
import { useState } from 'preact/hooks';
import type { ReferenceImportApplied, ReferenceImportEntry, ReferenceImportPreview } from '../api/types.js';
import { localName, t } from '../app/i18n-app.js';
import { ErrorBox, Field, useAction } from '../app/ui.js';
import { forgetReference, type RefList } from './ref.js';
import { importColumns, importPath, LISTS, templateCsv } from './ref-fields.js';
import { send } from './upload.js';

/** A field's name as the entry form labels it. */
export function fieldLabel(field: string): string {
  return field === 'active' ? t('portal-ref-state') : t(`portal-ref-field-${field.replace('_', '-')}`);
}

/** A value of the diff as a person reads it: none as a dash, `active` as in use / retired. */
export function valueText(field: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'active') return value === 'true' ? t('portal-ref-active') : t('portal-ref-retired');
  return value;
}

function entryName(e: ReferenceImportEntry): string {
  return e.entry ? localName(e.entry as Record<string, unknown>, e.key) : e.key;
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p class="muted">{t('portal-refimp-more', { shown, total })}</p> : null;
}

function Diff({ p }: { p: ReferenceImportPreview }) {
  return (
    <>
      {p.errors_total > 0 ? (
        <section aria-labelledby="ri-errors-h">
          <h4 id="ri-errors-h">{t('portal-refimp-errors', { count: p.errors_total })}</h4>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('portal-refimp-row')}</th>
                  <th scope="col">{t('portal-refimp-key')}</th>
                  <th scope="col">{t('portal-import-reason')}</th>
                </tr>
              </thead>
              <tbody>
                {p.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.key ? <code>{e.key}</code> : '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More shown={p.errors.length} total={p.errors_total} />
          <p class="muted">{t('portal-import-fix-first')}</p>
        </section>
      ) : null}
      <section aria-labelledby="ri-added-h">
        <h4 id="ri-added-h">{t('portal-refimp-added', { count: p.added_total })}</h4>
        <ul data-testid="ri-added">
          {p.added.map((e) => (
            <li key={e.key}>
              <code>{e.key}</code> {entryName(e)}
            </li>
          ))}
        </ul>
        <More shown={p.added.length} total={p.added_total} />
      </section>
      <section aria-labelledby="ri-changed-h">
        <h4 id="ri-changed-h">{t('portal-refimp-changed', { count: p.changed_total })}</h4>
        <ul data-testid="ri-changed">
          {p.changed.map((e) => (
            <li key={e.key}>
              <code>{e.key}</code>
              <ul>
                {e.changes.map((c) => (
                  <li key={c.field}>
                    {fieldLabel(c.field)}: <del>{valueText(c.field, c.old)}</del> → <ins>{valueText(c.field, c.new)}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <More shown={p.changed.length} total={p.changed_total} />
      </section>
      <section aria-labelledby="ri-retired-h">
        <h4 id="ri-retired-h">{t('portal-refimp-retired', { count: p.retired_total })}</h4>
        {p.partial ? <p class="muted">{t('portal-refimp-partial-note')}</p> : null}
        <ul data-testid="ri-retired">
          {p.retired.map((e) => (
            <li key={e.key}>
              <code>{e.key}</code> {entryName(e)}
            </li>
          ))}
        </ul>
        <More shown={p.retired.length} total={p.retired_total} />
      </section>
      {p.ignored_columns.length > 0 ? <p class="muted">{t('portal-refimp-ignored', { names: p.ignored_columns.join(', ') })}</p> : null}
    </>
  );
}

export function ReferenceImport({ list, onApplied, onClose }: { list: RefList; onApplied: (dictionary: RefList) => void; onClose: () => void }) {
  const [dict, setDict] = useState<RefList>(list);
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [preview, setPreview] = useState<ReferenceImportPreview | null>(null);
  const [done, setDone] = useState<ReferenceImportApplied | null>(null);
  const check = useAction();
  const apply = useAction();
  const columns = importColumns(dict);
  const changed = () => {
    setPreview(null);
    setDone(null);
    apply.clear();
  };
  const runCheck = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    changed();
    void check.run(async () => setPreview(await send<ReferenceImportPreview>(importPath('/preview', dict, partial), file, () => {})));
  };
  const runApply = () => {
    if (!file || !preview) return;
    void apply.run(async () => {
      const r = await send<ReferenceImportApplied>(importPath('', dict, partial, preview.token), file, () => {});
      forgetReference(dict);
      setPreview(null);
      setDone(r);
      onApplied(dict);
    });
  };
  const nothing = preview !== null && preview.added_total + preview.changed_total + preview.retired_total === 0;
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${templateCsv(dict)}`)}`;
  return (
    <section class="card" aria-labelledby="ri-h">
      <h2 id="ri-h">{t('portal-refimp-title')}</h2>
      <p class="muted">{t('portal-refimp-intro')}</p>
      <form onSubmit={runCheck}>
        <Field label={t('portal-refimp-dictionary')} id="ri-dict">
          <select id="ri-dict" value={dict} onChange={(e) => { setDict(e.currentTarget.value as RefList); changed(); }}>
            {LISTS.map((l) => (
              <option key={l} value={l}>
                {t(`portal-ref-list-${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <p id="ri-columns">
          {t('portal-refimp-columns')}{' '}
          {columns.map((c, i) => (
            <span key={c.name}>
              {i > 0 ? ', ' : ''}
              <code>{c.name}</code>
              {c.required ? ` (${t('portal-refimp-required')})` : ''}
            </span>
          ))}{' '}
          <a href={template} download={`${dict}.csv`}>
            {t('portal-refimp-template')}
          </a>
        </p>
        <p class="muted">{t('portal-refimp-rules')}</p>
        <Field label={t('portal-refimp-file')} id="ri-file" hint={t('portal-refimp-file-hint')}>
          <input id="ri-file" type="file" required accept=".csv,.txt,.xlsx" aria-describedby="ri-file-hint ri-columns" onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); changed(); }} />
        </Field>
        <label class="check">
          <input id="ri-partial" type="checkbox" checked={partial} onChange={(e) => { setPartial(e.currentTarget.checked); changed(); }} />
          {t('portal-refimp-partial')}
        </label>
        <div class="actions">
          <button type="submit" disabled={!file || check.busy || apply.busy}>
            {t('portal-import-check')}
          </button>
          <button type="button" onClick={onClose}>
            {t('portal-cancel')}
          </button>
        </div>
      </form>
      <ErrorBox error={check.error} />
      <ErrorBox error={apply.error} />
      {done ? (
        <p role="status" class="ok">
          {t('portal-refimp-done', { added: done.added, changed: done.changed, retired: done.retired })}
        </p>
      ) : null}
      {preview ? (
        <section aria-labelledby="ri-pv-h">
          <h3 id="ri-pv-h">{t('portal-import-preview')}</h3>
          <p role="status">
            {t('portal-refimp-summary', { rows: preview.rows, added: preview.added_total, changed: preview.changed_total, retired: preview.retired_total, unchanged: preview.unchanged, errors: preview.errors_total })}
          </p>
          <Diff p={preview} />
          {preview.errors_total === 0 ? (
            <button type="button" class="primary" disabled={apply.busy || nothing} onClick={runApply}>
              {nothing ? t('portal-refimp-nothing') : t('portal-refimp-apply')}
            </button>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
