// Issue 15, R-OBJ-2: the reference-data screen loads a whole dictionary from a CSV or XLSX file.
// What it tells the administrator about the file's columns, and the requests it sends.
import { describe, expect, it } from 'vitest';
import { importColumns, importPath, keyColumn, templateCsv } from '../src/portal/ref-fields.js';

describe('dictionary file import (issue 15, R-OBJ-2)', () => {
  it('documents the columns the server reads: the key first, required ones marked, active last', () => {
    expect(importColumns('organisms')).toEqual([
      { name: 'eppo_code', required: true },
      { name: 'kind', required: true },
      { name: 'category', required: true },
      { name: 'name_la', required: true },
      { name: 'name_kk', required: false },
      { name: 'name_ru', required: true },
      { name: 'name_en', required: false },
      { name: 'active', required: false },
    ]);
    expect(keyColumn('admin-units')).toBe('kato');
    expect(importColumns('admin-units').map((c) => c.name)).toEqual(['kato', 'level', 'parent_kato', 'name_kk', 'name_ru', 'name_en', 'active']);
    expect(importColumns('crops')[0]).toEqual({ name: 'code', required: true });
  });

  it('offers a template with the header row, separated by semicolons as Excel in Kazakhstan writes it', () => {
    expect(templateCsv('object-types')).toBe('code;geometry;name_kk;name_ru;name_en;active\r\n');
  });

  it('previews, then applies exactly the previewed file with its token', () => {
    expect(importPath('/preview', 'organisms', false)).toBe('/api/v1/reference/import/preview?dictionary=organisms');
    expect(importPath('', 'admin-units', true, 'abc.def')).toBe('/api/v1/reference/import?dictionary=admin-units&partial=true&token=abc.def');
  });
});
