// @vitest-environment happy-dom
// The Head's dashboard (issue 13, R-ROLE-1): the period and filters from the address go to
// the API, the regions lead to their districts by KATO code, every chart has its table,
// the exports carry the same filters, and every string is in kk, ru and en.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../src/portal/routes.js';
import { Shell } from '../src/app/shell.js';
import { setLang } from '../src/app/i18n-app.js';
import { user } from '../src/app/session.js';
import { stopLive } from '../src/app/live.js';
import { report } from './dashboard-fixture.js';

const seen: string[] = [];
beforeEach(() => {
  seen.length = 0;
  setLang('kk');
  user.value = { id: 'u', organization_id: 'o', role: 'head', status: 'active', surname: 'Омаров', first_name: 'Бауыржан', patronymic: null, email: 'h@fito.kz', position: 'Басшы', must_change_password: false, actions: [], created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://portal.test');
    seen.push(url.pathname + url.search);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/v1/reports/dashboard') return json(report(url.searchParams.get('kato')));
    return json([]);
  }) as typeof fetch;
});
afterEach(() => stopLive());

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${document.body.textContent ?? ''}`);
}

const cells = (testid: string) => [...document.querySelectorAll(`[data-testid=${testid}] tbody tr`)].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));

describe('dashboard screen', () => {
  it('asks for the period, shows every part with names, and drills from a region to its districts', async () => {
    window.location.hash = '#/dashboard?from=2026-01-01&to=2026-12-31&category=quarantine';
    const root = document.createElement('div');
    document.body.innerHTML = '';
    document.body.append(root);
    render(<Shell />, root);
    await until(() => document.querySelectorAll('[data-testid=units] tbody tr').length === 2, 'two regions');
    const ask = seen.find((s) => s.startsWith('/api/v1/reports/dashboard?')) ?? '';
    expect(ask).toContain('from=2026-01-01');
    expect(ask).toContain('to=2026-12-31');
    expect(ask).toContain('category=quarantine');
    expect(document.querySelector('h1')?.textContent).toBe('Басқару тақтасы: Республикалық орталық');
    expect(document.querySelector('[data-testid=totals]')?.textContent).toContain('16,5');
    expect(cells('units')[1]).toEqual(['Ақмола облысы', '110000000', '120', '9,5', '3']);
    expect(cells('organisms')[0]?.[0]).toContain('Карантиндік ағза');
    expect(cells('trend')[0]).toEqual(['2026-05', '16,5', '1', '4', '1']);
    // The newest quarantine finding first, with links to its survey and object.
    expect(cells('quarantine')[0]?.[0]).toBe('2026-06-02');
    expect(document.querySelector('[data-testid=quarantine] a')?.getAttribute('href')).toBe('#/surveys/s2');
    expect(cells('acts')).toEqual([
      ['Карантиндік фитосанитариялық тексеру акті', '1', '2', '0'],
      ['Бұзушылықтарды жою туралы нұсқама', '0', '0', '1'],
    ]);
    expect(cells('overdue')[0]).toEqual(['11-2026-000001', 'Бидай алқабы', 'Гербицидпен өңдеу', '2026-06-01', '12']);
    expect(cells('tasks').map((r) => r[1])).toEqual(['5', '3', '1', '1']);
    expect(cells('inspectors')[0]).toEqual(['Сейітқали Әйгерім', '4', '3', '2']);
    // Every chart is an image with a text alternative, beside its table.
    for (const id of ['units', 'organisms', 'trend']) expect(document.querySelector(`[data-testid=${id}-chart]`)?.getAttribute('aria-label')).toBeTruthy();
    // The exports carry the same period and filters.
    expect(document.querySelector('[data-testid=export-xlsx]')?.getAttribute('href')).toBe('/api/v1/reports/xlsx?from=2026-01-01&to=2026-12-31&category=quarantine');
    expect(document.querySelector('[data-testid=export-pdf]')?.getAttribute('href')).toContain('/api/v1/reports/pdf?');

    // Drill: the region's link keeps the filters and adds its KATO code.
    const akmola = [...document.querySelectorAll('[data-testid=units] a')].find((a) => a.textContent === 'Ақмола облысы') as HTMLAnchorElement;
    expect(akmola.getAttribute('href')).toBe('#/dashboard?from=2026-01-01&to=2026-12-31&category=quarantine&kato=110000000');
    window.location.hash = akmola.getAttribute('href') as string;
    await until(() => seen.some((s) => s.includes('kato=110000000')), 'the region asked for');
    await until(() => document.querySelector('[data-testid=totals]')?.textContent?.includes('9,5') ?? false, 'the region’s totals');
    expect(cells('units').map((r) => r[0])).toEqual(['Целиноград ауданы', 'Шортанды ауданы']);
    expect(document.querySelectorAll('[data-testid=units] a').length).toBe(0);
    const trail = [...document.querySelectorAll('nav.crumbs li')].map((li) => li.textContent);
    expect(trail).toEqual(['Барлық облыстар', 'Ақмола облысы (110000000)']);
    expect(document.querySelector('nav.crumbs a')?.getAttribute('href')).toBe('#/dashboard?from=2026-01-01&to=2026-12-31&category=quarantine');
    render(null, root);
  });
});

