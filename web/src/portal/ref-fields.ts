/**
 * The reference dictionaries' fields as administrators edit them (R-OBJ-2, issue 15): the form of
 * one entry and the columns of a dictionary file (CSV or XLSX) the import takes.
 */
import type { RefList } from './ref.js';

export type FieldSpec = { name: string; options?: readonly string[]; required?: boolean };

export const LISTS: readonly RefList[] = ['organisms', 'crops', 'object-types', 'admin-units'];

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

/** The key column of a dictionary: EPPO code, KATO code, or code. */
export function keyColumn(list: RefList): string {
  return list === 'organisms' ? 'eppo_code' : list === 'admin-units' ? 'kato' : 'code';
}

/** A dictionary file's columns, as the server reads them: the key, the fields, then `active` (yes when absent). */
export function importColumns(list: RefList): { name: string; required: boolean }[] {
  return [{ name: keyColumn(list), required: true }, ...FIELDS[list].map((f) => ({ name: f.name, required: f.required === true })), { name: 'active', required: false }];
}

/** The import's URL: `/preview` to check, '' to apply with the preview's token. */
export function importPath(tail: '' | '/preview', list: RefList, partial: boolean, token?: string): string {
  const q = new URLSearchParams({ dictionary: list });
  if (partial) q.set('partial', 'true');
  if (token) q.set('token', token);
  return `/api/v1/reference/import${tail}?${q.toString()}`;
}

/** A header row to start a file from: the column names, separated by semicolons as Excel in Kazakhstan writes them. */
export function templateCsv(list: RefList): string {
  return `${importColumns(list).map((c) => c.name).join(';')}\r\n`;
}
