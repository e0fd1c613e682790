// @vitest-environment happy-dom
// The act page (R-ACT-2): the buttons are the steps the server lists for the caller
// (`ActView.steps`), a step is sent with the version it was decided on, and a Head's return
// needs a comment.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../src/portal/routes.js';
import { Shell } from '../src/app/shell.js';
import { setLang } from '../src/app/i18n-app.js';
import { user, type Role, type User } from '../src/app/session.js';
import { stopLive } from '../src/app/live.js';

const posted: Array<{ path: string; body: unknown }> = [];
let status = 'draft';
let version = 3;
/** What the fake server says the caller may do now; a step taken leaves nothing to do. */
let steps: string[] = [];

function act() {
  return {
    id: 'a1', organization_id: 'o', survey_id: 's1', object_id: null, inspector_id: 'insp', act_type: 'quarantine-survey', language: 'kk',
    status, registry_number: status === 'approved' ? '01-07/2026/12' : null,
    content: { location: 'Есіл ауданы', conclusions: 'Табылды.', measures: [], parties: [], surveyed_at: '2026-06-10T05:30:00Z', crop: null, growth_phase: null, points: [] },
    pdf_sha256: null, content_sha256: null, version, created_at: '2026-06-10T06:00:00Z', updated_at: '2026-06-10T06:00:00Z',
    steps,
  };
}

const person = (id: string, role: Role): User => ({ id, organization_id: 'o', role, status: 'active', surname: 'Т', first_name: 'Т', patronymic: null, email: `${id}@fito.kz`, position: '-', must_change_password: false, actions: [], created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });

beforeEach(() => {
  posted.length = 0;
  status = 'draft';
  version = 3;
  steps = [];
  setLang('kk');
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://portal.test');
    const json = (body: unknown, s = 200) => new Response(JSON.stringify(body), { status: s, headers: { 'content-type': 'application/json' } });
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body ?? '{}')) as Record<string, unknown>;
      posted.push({ path: url.pathname, body });
      if (url.pathname.endsWith('/submit')) status = 'submitted';
      if (url.pathname.endsWith('/approve')) status = 'approved';
      if (url.pathname.endsWith('/return')) status = 'returned';
      version += 1;
      steps = [];
      return json(act());
    }
    if (url.pathname === '/api/v1/acts/a1') return json(act());
    return json([]);
  }) as typeof fetch;
  window.location.hash = '#/acts/a1';
});
afterEach(() => stopLive());

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${document.body.textContent ?? ''}`);
}

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text) as HTMLButtonElement | undefined;

function mount() {
  const root = document.createElement('div');
  document.body.innerHTML = '';
  document.body.append(root);
  render(<Shell />, root);
  return root;
}

describe('act page', () => {
  it('lets its inspector submit a draft, with the version', async () => {
    user.value = person('insp', 'inspector');
    steps = ['submit'];
    const root = mount();
    await until(() => !!button('Бекітуге жіберу'), 'the submit button');
    expect(button('Жобаны өңдеу')).toBeDefined();
    expect(button('Бекіту')).toBeUndefined();
    button('Бекітуге жіберу')?.click();
    await until(() => document.querySelector('[data-testid=act-status]')?.textContent === 'Бекітуге жіберілді', 'submitted');
    expect(posted).toEqual([{ path: '/api/v1/acts/a1/submit', body: { version: 3 } }]);
    expect(button('Бекітуге жіберу')).toBeUndefined();
    render(null, root);
  });

  it('gives another inspector no buttons, and a Head approve or return with a comment', async () => {
    user.value = person('other', 'inspector');
    let root = mount();
    await until(() => document.querySelector('[data-testid=act-status]')?.textContent === 'Жоба', 'the act');
    expect(button('Бекітуге жіберу')).toBeUndefined();
    expect(button('Жобаны өңдеу')).toBeUndefined();
    render(null, root);

    status = 'submitted';
    steps = ['approve', 'return'];
    user.value = person('head', 'head');
    root = mount();
    await until(() => !!button('Түзетуге қайтару'), 'the return button');
    const comment = document.querySelector<HTMLTextAreaElement>('#return-comment');
    expect(comment?.required).toBe(true);
    if (!comment) throw new Error('no comment field');
    comment.value = 'Координаттарды тексеріңіз';
    comment.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    comment.form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await until(() => posted.length === 1, 'the return');
    expect(posted[0]).toEqual({ path: '/api/v1/acts/a1/return', body: { version: 3, comment: 'Координаттарды тексеріңіз' } });
    render(null, root);
  });

  it('shows the steps the server lists, not what the page would guess from status and role', async () => {
    // The act's own inspector, but the server lists nothing (say, the act moved meanwhile).
    user.value = person('insp', 'inspector');
    let root = mount();
    await until(() => document.querySelector('[data-testid=act-status]')?.textContent === 'Жоба', 'the act');
    expect(button('Бекітуге жіберу')).toBeUndefined();
    expect(button('Жобаны өңдеу')).toBeUndefined();
    render(null, root);

    status = 'signed';
    steps = ['register'];
    user.value = person('op', 'operator');
    root = mount();
    await until(() => !!button('Тіркеу'), 'the register button');
    for (const other of ['Бекітуге жіберу', 'Бекіту', 'Түзетуге қайтару', 'Жобаны өңдеу']) expect(button(other)).toBeUndefined();
    expect(document.querySelector('#return-comment')).toBeNull();
    button('Тіркеу')?.click();
    await until(() => posted.length === 1, 'the register step');
    expect(posted[0]).toEqual({ path: '/api/v1/acts/a1/register', body: { version: 3 } });
    await until(() => !button('Тіркеу'), 'no step left');
    render(null, root);
  });
});
