// R-I18N-1: every string of field mode is in i18n/{kk,ru,en}/web-field.ftl, Kazakh first,
// with the same messages and variables in each language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { Messages } from '../src/i18n.js';
import { ftlText } from './ftl.js';

function ids(text: string): Set<string> {
  return new Set(new FluentResource(text).body.map((m) => m.id));
}

const SRC = join(import.meta.dirname, '..', 'src', 'field');

describe('web-field.ftl', () => {
  const kk = ids(ftlText('kk', 'web-field.ftl'));

  it('R-I18N-1: ru and en have exactly the Kazakh messages and each parses', () => {
    expect(kk.size).toBeGreaterThan(100);
    for (const lang of ['ru', 'en'] as const) {
      expect([...ids(ftlText(lang, 'web-field.ftl'))].sort()).toEqual([...kk].sort());
    }
    const m = new Messages({ kk: ftlText('kk', 'web-field.ftl'), ru: ftlText('ru', 'web-field.ftl'), en: ftlText('en', 'web-field.ftl') });
    expect(m.format('ru', 'field-point-count', { count: 3 })).toBe('3 точки');
    expect(m.format('kk', 'field-waiting-count', { count: 0 })).toBe('Жіберуді күтетін жазба жоқ');
  });

  it('R-I18N-1: every message id the field screens use exists (fixed ids and every value of the composed ones)', () => {
    const used = new Set<string>();
    for (const f of readdirSync(SRC)) {
      const text = readFileSync(join(SRC, f), 'utf8');
      for (const m of text.matchAll(/'(field-[a-z0-9-]+[a-z0-9])'/g)) used.add(m[1]!);
    }
    const composed: Record<string, string[]> = {
      'field-act-type-': ['quarantine-survey', 'crop-monitoring', 'sampling', 'prescription'],
      'field-act-language-': ['kk', 'ru', 'kk-ru'],
      'field-act-status-': ['draft', 'submitted', 'approved', 'returned', 'signed', 'registered'],
      'field-category-': ['quarantine', 'especially_dangerous', 'ordinary'],
      'field-intensity-': ['per_square_metre', 'per_plant', 'per_trap', 'prevalence_percent', 'cover_percent'],
      'field-kind-': ['object', 'survey', 'act_draft'],
      'field-state-': ['waiting', 'sending', 'conflict', 'rejected'],
      'field-persist-': ['granted', 'denied', 'unsupported', 'unknown'],
      'field-position-': ['denied', 'unavailable', 'timeout', 'unsupported'],
      'field-result-': ['applied', 'unchanged', 'conflict', 'rejected'],
    };
    for (const [prefix, values] of Object.entries(composed)) for (const v of values) used.add(prefix + v);
    const missing = [...used].filter((id) => !kk.has(id));
    expect(missing).toEqual([]);
  });
});
