// @vitest-environment happy-dom
// The register table (R-OBJ-1): filters from the address go to the API, rows show the
// objects with their reference names, paging follows the server's next link.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../src/portal/routes.js';
import { Shell } from '../src/app/shell.js';
import { setLang } from '../src/app/i18n-app.js';
import { user } from '../src/app/session.js';
import { stopLive } from '../src/app/live.js';

const seen: string[] = [];

function feature(i: number) {
  return {
    type: 'Feature',
    id: `obj-${i}`,
    geometry: { type: 'Point', coordinates: [71.4, 51.1] },
    properties: { organization_id: 'o', type: 'field', name: `Алқап ${i}`, owner: null, kato: '110000000', crop: 'wheat_spring', status: 'active', area_ha: 12.5, notes: null, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-02-03T00:00:00Z' },
  };
}

beforeEach(() => {
  seen.length = 0;
  setLang('kk');
  user.value = { id: 'u', organization_id: 'o', role: 'operator', status: 'active', surname: 'Ким', first_name: 'Алина', patronymic: null, email: 'o@fito.kz', position: 'Оператор', must_change_password: false, actions: [], created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://portal.test');
    seen.push(url.pathname + url.search);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/v1/objects') {
      const after = url.searchParams.get('after');
      const features = after ? [feature(3)] : [feature(1), feature(2)];
      const links = after ? [] : [{ rel: 'next', href: '/api/v1/objects?after=77&limit=50&type=field' }];
      return json({ type: 'FeatureCollection', features, links });
    }
    if (url.pathname === '/api/v1/reference/object-types') return json([{ code: 'field', geometry: 'any', name_kk: 'Егістік алқабы', name_ru: 'Поле', name_en: 'Field', active: true }]);
    if (url.pathname === '/api/v1/reference/crops') return json([{ code: 'wheat_spring', name_kk: 'Жаздық бидай', name_ru: 'Пшеница яровая', name_en: 'Spring wheat', active: true }]);
    return json([]);
  }) as typeof fetch;
});
afterEach(() => stopLive());

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${document.body.textContent ?? ''}`);
}

describe('register table', () => {
  it('asks with the filters, shows names, and pages by the next link', async () => {
    window.location.hash = '#/objects?type=field&crop=wheat_spring';
    const root = document.createElement('div');
    document.body.innerHTML = '';
    document.body.append(root);
    render(<Shell />, root);
    await until(() => document.querySelectorAll('tbody tr').length === 2, 'two rows');
    const ask = seen.find((s) => s.startsWith('/api/v1/objects?'));
    expect(ask).toContain('type=field');
    expect(ask).toContain('crop=wheat_spring');
    expect(ask).toContain('limit=50');
    await until(() => document.body.textContent?.includes('Жаздық бидай') ?? false, 'crop names');
    const first = [...(document.querySelector('tbody tr')?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    expect(first).toEqual(['Алқап 1', 'Егістік алқабы', 'Жаздық бидай', '110000000', '12.50', 'Белсенді', '2026-02-03']);
    const next = [...document.querySelectorAll('nav.pager button')].find((b) => b.textContent === 'Келесі бет') as HTMLButtonElement;
    expect(next.disabled).toBe(false);
    next.click();
    await until(() => document.querySelectorAll('tbody tr').length === 1, 'the second page');
    expect(seen.filter((s) => s.startsWith('/api/v1/objects?')).pop()).toContain('after=77');
    expect(window.location.hash).toContain('after=77');
    const prev = [...document.querySelectorAll('nav.pager button')].find((b) => b.textContent === 'Алдыңғы бет') as HTMLButtonElement;
    expect(prev.disabled).toBe(false);
    render(null, root);
  });
});
