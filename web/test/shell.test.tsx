// @vitest-environment happy-dom
// The app shell against a fake API: sign-in first, menu by role (R-ROLE-1), the consent
// screen when the API answers consent-required (R-PD-1, R-PD-4), language switch (R-I18N-1),
// screens' work done ahead once signed in (the map, issue 16).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../src/portal/routes.js';
import { Shell } from '../src/app/shell.js';
import { setLang } from '../src/app/i18n-app.js';
import { consentRequired, loadMe, user } from '../src/app/session.js';
import { stopLive } from '../src/app/live.js';
import { registerScreen, warmFor } from '../src/app/registry.js';

type Handler = (method: string, path: string, body: unknown) => { status: number; body?: unknown } | undefined;

let handler: Handler;
let lastLogin: unknown;
const calls: Array<{ method: string; path: string; headers: Record<string, string> }> = [];

function install(h: Handler) {
  handler = h;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://portal.test');
    const method = init?.method ?? 'GET';
    calls.push({ method, path: url.pathname + url.search, headers: (init?.headers ?? {}) as Record<string, string> });
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const a = handler(method, url.pathname, body) ?? { status: 404, body: { code: 'not-found', title: 'Табылмады', status: 404 } };
    const problem = a.status >= 400;
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': problem ? 'application/problem+json' : 'application/json' },
    });
  }) as typeof fetch;
}

const admin = {
  id: 'u-admin',
  organization_id: 'org-1',
  role: 'administrator',
  status: 'active',
  surname: 'Әбенов',
  first_name: 'Ерлан',
  patronymic: null,
  email: 'admin@fito.local',
  position: 'Әкімші',
  must_change_password: false,
};

async function settle(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}; page: ${document.body.textContent ?? ''}`);
}

let root: HTMLElement;
beforeEach(() => {
  calls.length = 0;
  setLang('kk');
  user.value = undefined;
  consentRequired.value = null;
  window.location.hash = '#/';
  root = document.createElement('div');
  document.body.innerHTML = '';
  document.body.append(root);
});
afterEach(() => {
  stopLive();
  render(null, root);
});

describe('the shell', () => {
  it('asks to sign in first, then shows the menu of the role', async () => {
    let signedIn = false;
    install((method, path, body) => {
      if (path === '/api/v1/me') return signedIn ? { status: 200, body: admin } : { status: 401, body: { code: 'auth-required', title: 'Кіріңіз', status: 401 } };
      if (path === '/api/v1/auth/login' && method === 'POST') {
        lastLogin = body;
        signedIn = true;
        return { status: 200, body: { token: 't', csrf_token: 'c', session_id: 's', expires_at: '2030-01-01T00:00:00Z', user: admin } };
      }
      if (path === '/api/v1/notifications') return { status: 200, body: [] };
      return undefined;
    });
    render(<Shell />, root);
    await loadMe();
    await settle(() => !!document.querySelector('#email'), 'the sign-in form');
    expect(document.querySelector('h1')?.textContent).toBe('Жүйеге кіру');
    expect(document.querySelector('nav')).toBeNull();
    const email = document.querySelector<HTMLInputElement>('#email');
    const password = document.querySelector<HTMLInputElement>('#password');
    if (!email || !password) throw new Error('no form');
    email.value = 'admin@fito.local';
    email.dispatchEvent(new Event('input', { bubbles: true }));
    password.value = 'secret-password';
    password.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20)); // let the form re-render, as between keystrokes
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle(() => !!document.querySelector('nav ul'), `the menu (login sent ${JSON.stringify(lastLogin)})`);
    expect(lastLogin).toEqual({ email: 'admin@fito.local', password: 'secret-password' });
    const menu = [...document.querySelectorAll('nav ul a')].map((a) => a.textContent);
    expect(menu).toContain('Аудит журналы');
    expect(menu).toContain('Пайдаланушылар');
    expect(menu).not.toContain('Актілер');
    // The login call carried no CSRF token (none yet); later writes will.
    expect(calls.find((c) => c.path === '/api/v1/auth/login')?.headers['Accept-Language']).toBe('kk');
  });

  it('shows the policy to accept when the API answers consent-required, and goes on after accepting', async () => {
    let accepted = false;
    install((method, path, body) => {
      if (path === '/api/v1/me') return { status: 200, body: { ...admin, role: 'inspector' } };
      if (path === '/api/v1/notifications') {
        return accepted ? { status: 200, body: [] } : { status: 403, body: { code: 'consent-required', title: 'Келісім қажет', status: 403, version: '3' } };
      }
      if (path === '/api/v1/policy/current') {
        return { status: 200, body: { version: '3', effective_from: '2026-12-01', text_kk: 'Саясат мәтіні.', text_ru: 'Текст политики.', published_at: '2026-11-20T00:00:00Z' } };
      }
      if (path === '/api/v1/policy/accept' && method === 'POST') {
        expect(body).toEqual({ version: '3' });
        accepted = true;
        return { status: 204 };
      }
      return undefined;
    });
    render(<Shell />, root);
    await loadMe();
    await settle(() => document.body.textContent?.includes('Саясат мәтіні.') ?? false, 'the policy text');
    expect(document.querySelector('h1')?.textContent).toBe('Жеке деректерді өңдеуге келісім');
    expect(document.body.textContent).toContain('Текст политики.');
    const accept = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Қабылдау');
    expect(accept?.disabled).toBe(true);
    const box = document.querySelector<HTMLInputElement>('input[type=checkbox]');
    box?.click();
    await settle(() => accept?.disabled === false, 'the accept button');
    accept?.click();
    await settle(() => consentRequired.value === null, 'consent recorded');
    expect(accepted).toBe(true);
  });

  it('switches language at once and remembers it', async () => {
    install((_m, path) => (path === '/api/v1/me' ? { status: 401, body: { code: 'auth-required', title: '-', status: 401 } } : undefined));
    render(<Shell />, root);
    await loadMe();
    await settle(() => !!document.querySelector('#lang-select'), 'the language switch');
    const select = document.querySelector<HTMLSelectElement>('#lang-select');
    if (!select) throw new Error('no switch');
    select.value = 'ru';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(() => document.querySelector('h1')?.textContent === 'Вход в систему', 'Russian');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('fito.lang')).toBe('ru');
    select.value = 'en';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(() => document.querySelector('h1')?.textContent === 'Sign in', 'English');
  });

  it('shows a screen the role may not open as not available', async () => {
    install((_m, path) => {
      if (path === '/api/v1/me') return { status: 200, body: { ...admin, role: 'inspector' } };
      if (path === '/api/v1/notifications') return { status: 200, body: [] };
      return undefined;
    });
    window.location.hash = '#/audit';
    render(<Shell />, root);
    await loadMe();
    await settle(() => document.querySelector('h1')?.textContent === 'Қолжетімсіз', 'the refusal');
  });

  it('does ahead, once signed in and idle, what the screens the role may open wait on', async () => {
    const warmed: string[] = [];
    const home = () => import('../src/portal/home.js');
    registerScreen({ path: '/test/warm-head', title: 'portal-home', roles: ['head'], load: home, warm: async () => warmed.push('head') });
    registerScreen({ path: '/test/warm-admin', title: 'portal-home', roles: ['administrator'], load: home, warm: async () => warmed.push('administrator') });
    // The map warms up for every role: each may open it.
    for (const role of ['administrator', 'head', 'inspector', 'operator']) expect(warmFor(role).map((s) => s.path)).toContain('/map');
    let signedIn = false;
    install((_m, path) => {
      if (path === '/api/v1/me') return signedIn ? { status: 200, body: admin } : { status: 401, body: { code: 'auth-required', title: '-', status: 401 } };
      if (path === '/api/v1/notifications') return { status: 200, body: [] };
      return undefined;
    });
    render(<Shell />, root);
    await loadMe();
    await settle(() => !!document.querySelector('#email'), 'the sign-in form');
    await new Promise((r) => setTimeout(r, 300));
    expect(warmed).toEqual([]);
    signedIn = true;
    await loadMe();
    await settle(() => warmed.length > 0, 'the warm-up');
    expect(warmed).toEqual(['administrator']);
    // The map's own warm-up asked the map settings.
    await settle(() => calls.some((c) => c.path === '/api/v1/config/map'), 'the map settings');
  });
});
