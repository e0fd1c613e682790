// The Head's dashboard without the DOM (issue 13): filters, the drill level, the acts grid,
// and its strings in kk, ru and en.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS, Messages } from '../src/i18n.js';
import { actsGrid, crumbs, exportHref, level, paramsFrom, regionOf, season, unitRows } from '../src/portal/dashboard/logic.js';
import { report } from './dashboard-fixture.js';
import { ftlSources } from './ftl.js';

describe('dashboard logic', () => {
  it('reads the filters, knows the drill level and the season', () => {
    expect(paramsFrom(new URLSearchParams('from=2026-03-01&kato=%20&organism=ACLRGL&x=1'))).toEqual({ from: '2026-03-01', organism: 'ACLRGL' });
    expect(level(undefined)).toBe('country');
    expect(level('110000000')).toBe('region');
    expect(level('111000000')).toBe('district');
    expect(regionOf('111000000')).toBe('110000000');
    expect(crumbs('111000000')).toEqual([undefined, '110000000', '111000000']);
    expect(season(new Date('2026-07-15T12:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-07-15' });
    expect(exportHref('pdf', {})).toBe('/api/v1/reports/pdf');
  });

  it('shows regions, a region’s districts, or one district', () => {
    expect(unitRows(report(null), undefined).map((u) => u.kato)).toEqual(['100000000', '110000000']);
    expect(unitRows(report(null), '110000000').map((u) => u.kato)).toEqual(['111000000', '112000000']);
  });

  it('lays acts out by type and status, with zeros where none', () => {
    const g = actsGrid(report(null).acts);
    expect(g.types).toEqual(['quarantine-survey', 'prescription']);
    expect(g.statuses).toEqual(['draft', 'approved', 'registered']);
    expect(g.count('prescription', 'draft')).toBe(0);
    expect(g.count('quarantine-survey', 'approved')).toBe(2);
  });
});

describe('dashboard messages', () => {
  const dash = ftlSources('web-dashboard.ftl');
  const ids = (text: string) => [...text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=/gm)].map((m) => m[1] as string).sort();

  it('are the same in kk, ru and en, and real Kazakh', () => {
    const kk = ids(dash.kk as string);
    expect(ids(dash.ru as string)).toEqual(kk);
    expect(ids(dash.en as string)).toEqual(kk);
    const m = new Messages(dash);
    expect(kk.filter((id) => m.format('kk', id).includes(' ') && m.format('kk', id) === m.format('ru', id))).toEqual([]);
  });

  it('cover every message the dashboard uses', () => {
    const portal = ftlSources('portal.ftl');
    const web = ftlSources('web.ftl');
    const m = new Messages({ kk: [web.kk as string, portal.kk as string, dash.kk as string], ru: [web.ru as string, portal.ru as string, dash.ru as string], en: [web.en as string, portal.en as string, dash.en as string] });
    const dir = new URL('../src/portal/dashboard/', import.meta.url);
    const used = new Set<string>();
    for (const f of readdirSync(dir)) for (const x of readFileSync(new URL(f, dir), 'utf8').matchAll(/\bt\('([a-z0-9-]+)'/g)) used.add(x[1] as string);
    for (const c of ['quarantine', 'especially_dangerous', 'ordinary']) used.add(`dash-category-${c}`);
    const missing = [...used].flatMap((id) => LANGS.filter((l) => !m.has(l, id)).map((l) => `${l}:${id}`));
    expect(missing).toEqual([]);
  });
});

describe('the monthly report notification', () => {
  it('leads to the dashboard', async () => {
    const { targetHref } = await import('../src/portal/notifications.js');
    expect(targetHref('report', '0190f2a4-0000-7000-8000-000000000001')).toBe('#/dashboard');
  });
});
