/**
 * End to end, in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against a real `fito serve` on a temporary SQLite folder:
 * sign-in, the register as a table and on the map, creating an object on the map,
 * an act's workflow, the language switch, a phone-sized screen, and axe-core with
 * no serious or critical accessibility violations on the main screens.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, seed, startFito, startWeb, type Fito, type World } from './harness.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let fito: Fito;
let web: { origin: string; stop(): Promise<void> };
let world: World;
let browser: Browser;

beforeAll(async () => {
  fito = await startFito();
  world = await seed(fito);
  web = await startWeb(fito.origin);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
});

afterAll(async () => {
  // R-SEC-1: the app ran under the strict policy without being refused anything of its own.
  expect(cspViolations).toEqual([]);
  await browser?.close();
  await web?.stop();
  await fito?.stop();
});

async function apiAs(email: string, password: string): Promise<Client> {
  const c = new Client(fito.origin);
  await c.signIn(email, password);
  return c;
}

/** A fresh browser profile; map tiles are answered locally (no request leaves the machine). */
async function context(options: { viewport?: { width: number; height: number }; lang?: string } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: 'kk-KZ' });
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
  if (options.lang) await ctx.addInitScript((l: string) => localStorage.setItem('fito.lang', l), options.lang);
  ctx.on('page', (page) =>
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text()) && !/tile|openstreetmap/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    }),
  );
  return ctx;
}

/** Pages whose console reported a refusal by the content security policy. */
const cspViolations: string[] = [];

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${web.origin}/#/`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav[aria-label]').waitFor();
}

/** axe-core on the page: the serious and critical violations (none expected). */
async function axe(page: Page): Promise<string[]> {
  // Through the debugger, not a <script> tag: the app's policy rightly refuses inline scripts.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe('portal in Chromium', () => {
  it('R-AUTH-1: a newcomer signs in with the one-time password and must set their own first', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${web.origin}/`);
    expect(await page.locator('h1').textContent()).toBe('Жүйеге кіру');
    expect(await axe(page)).toEqual([]);
    await page.locator('#email').fill(world.newcomer.email);
    await page.locator('#password').fill('wrong-password-1');
    await page.locator('form button[type=submit]').click();
    await page.locator('[role=alert]').waitFor();
    await page.locator('#password').fill(world.newcomer.oneTime);
    await page.locator('form button[type=submit]').click();
    await page.locator('h1', { hasText: 'Жаңа құпиясөз' }).waitFor();
    await page.locator('#pw-current').fill(world.newcomer.oneTime);
    await page.locator('#pw-new').fill('Newcomer-Password-42');
    await page.locator('#pw-again').fill('Newcomer-Password-42');
    await page.locator('form button[type=submit]').click();
    await page.locator('h1', { hasText: 'Қош келдіңіз' }).waitFor();
    expect(await page.locator('nav[aria-label] a').allTextContents()).toContain('Тізілім');
    await ctx.close();
  });

  it('R-OBJ-1, R-GEO-1: an inspector registers an object on the map; it appears in the table and on the map', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/objects`);
    await page.locator('table a', { hasText: world.fieldName }).waitFor();
    expect(await axe(page)).toEqual([]);

    await page.goto(`${web.origin}/#/objects/new`);
    await page.locator('#o-type').selectOption('field');
    await page.locator('#o-name').fill('Арпа танабы E2E');
    await page.locator('#o-crop').selectOption('wheat_spring');
    const map = page.locator('[data-testid=draw-map] canvas');
    await map.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=draw-map] canvas') !== null);
    // A field is a polygon: three corners clicked on the map.
    await page.locator('input[name=mode][value=polygon]').check();
    const box = await map.boundingBox();
    if (!box) throw new Error('no map');
    await page.waitForTimeout(500);
    for (const [dx, dy] of [[-40, -30], [40, -30], [0, 40]] as const) {
      await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
      await page.waitForTimeout(150);
    }
    await page.locator('#draw-hint', { hasText: '3' }).waitFor();
    await page.locator('button[type=submit]', { hasText: 'Объектіні тіркеу' }).click();
    await page.locator('h1', { hasText: 'Арпа танабы E2E' }).waitFor();
    const id = new URL(page.url()).hash.replace('#/objects/', '');
    expect(await page.locator('dl').textContent()).toContain('Polygon');
    expect(await axe(page)).toEqual([]);

    // R-DOC-1, R-DOC-2: a photo is refused before it is sent, whatever its name; a PDF is kept.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const uploads: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/documents') && uploads.push(r.url()));
    await page.locator('input[type=file]').setInputFiles({ name: 'акт.pdf', mimeType: 'application/pdf', buffer: png });
    await page.locator('button', { hasText: 'Құжатты жүктеу' }).click();
    await page.locator('[role=alert]', { hasText: 'сурет файлы' }).waitFor();
    expect(uploads).toEqual([]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'хаттама.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('button', { hasText: 'Құжатты жүктеу' }).click();
    await page.locator('a[download]', { hasText: 'хаттама.pdf' }).waitFor();
    expect(uploads).toHaveLength(1);

    await page.goto(`${web.origin}/#/objects?crop=wheat_spring`);
    await page.locator('table a', { hasText: 'Арпа танабы E2E' }).waitFor();

    await page.goto(`${web.origin}/#/map?focus=${id}`);
    await page.locator('[data-testid=register-map] canvas').waitFor();
    await page.locator('[data-testid=map-list] a', { hasText: 'Арпа танабы E2E' }).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await axe(page)).toEqual([]);
    await ctx.close();
  });

  it('R-ACT-2: an act goes from draft to submitted (inspector) to approved with a number (head)', async () => {
    // The Head has the portal open while the inspector submits (R-NOTIF-1: live).
    const headCtx = await context();
    const head = await headCtx.newPage();
    await signIn(head, world.head.email, world.head.password);
    // What the Head had unread before (the world's own events, e.g. a quarantine finding).
    const bell = head.locator('a.bell .count');
    const before = (await bell.count()) ? Number(await bell.innerText()) : 0;

    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/acts/${world.draftActId}`);
    await page.locator('[data-testid=act-status]', { hasText: 'Жоба' }).waitFor();
    expect(await page.locator('button', { hasText: /^Бекіту$/ }).count()).toBe(0);
    await page.locator('button', { hasText: 'Бекітуге жіберу' }).click();
    await page.locator('[data-testid=act-status]', { hasText: 'Бекітуге жіберілді' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();

    // The count arrives through the event stream, without a reload (the fallback polls
    // only once a minute).
    await head.waitForFunction(
      (n) => Number(document.querySelector('a.bell .count')?.textContent ?? 0) > n,
      before,
      { timeout: 15_000 },
    );
    await head.locator('a.bell').click();
    await head.locator('h1', { hasText: 'Хабарламалар' }).waitFor();
    await head.locator('li.unread').first().waitFor();
    expect(await axe(head)).toEqual([]);
    const unread = await head.locator('li.unread').count();
    await head.locator('li.unread button').first().click();
    await head.waitForFunction((n) => document.querySelectorAll('li.unread').length === n - 1, unread);
    await head.locator('button', { hasText: 'Барлығын оқылды деп белгілеу' }).click();
    await head.waitForFunction(() => document.querySelectorAll('li.unread').length === 0 && !document.querySelector('a.bell .count'));
    await head.goto(`${web.origin}/#/acts?status=submitted`);
    await head.locator(`table a[href="#/acts/${world.draftActId}"]`).click();
    await head.locator('[data-testid=act-status]', { hasText: 'Бекітуге жіберілді' }).waitFor();
    await head.locator('button', { hasText: /^Бекіту$/ }).click();
    await head.locator('[data-testid=act-status]', { hasText: 'Бекітілді' }).waitFor();
    const title = await head.locator('h1').textContent();
    expect(title).toMatch(/Акт \S+/);
    expect(await head.locator('iframe.pdf').getAttribute('src')).toContain(`/api/v1/acts/${world.draftActId}/pdf`);
    // The preview frame really shows the PDF: the server lets its own pages frame it.
    await head.waitForFunction((id) => {
      const f = document.querySelector<HTMLIFrameElement>('iframe.pdf');
      return !!f && f.src.includes(`/api/v1/acts/${id}/pdf`);
    }, world.draftActId);
    await expect.poll(() => head.frames().map((f) => f.url()).find((u) => u.includes('/pdf') || u.startsWith('chrome-error')), { timeout: 15_000 }).toContain(`/api/v1/acts/${world.draftActId}/pdf`);
    const pdf = await head.evaluate(async (id) => {
      const r = await fetch(`/api/v1/acts/${id}/pdf`);
      return { type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, world.draftActId);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });
    expect(await head.locator('#act-hist + * li, section[aria-labelledby=act-hist] li').count()).toBeGreaterThanOrEqual(2);
    await headCtx.close();
  });

  it('R-SURV-2, issue 15: a Head searches the register, assigns a survey task; the inspector sees it', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.head.email, world.head.password);
    await page.goto(`${web.origin}/#/tasks/new`);
    await page.locator('#t-assignee option', { hasText: 'Сейітқали Әйгерім' }).waitFor({ state: 'attached' });
    await page.locator('#t-assignee').selectOption({ label: 'Сейітқали Әйгерім' });
    await page.locator('#t-starts').fill('2026-12-01');
    await page.locator('#t-due').fill('2026-12-02');
    // Issue 15: the register is searched on the server page by page (no 1,000 cap), by name.
    await page.locator('#t-search').fill('бидай');
    await page.locator('button', { hasText: /^Іздеу$/ }).click();
    await page.locator('[role=status]', { hasText: 'объект табылды' }).waitFor();
    await page.locator('label', { hasText: world.fieldName }).locator('input').check();
    expect(await axe(page)).toEqual([]);
    await page.locator('button[type=submit]', { hasText: 'Тапсырманы беру' }).click();
    await page.locator('h1', { hasText: 'Тапсырма' }).waitFor();
    await page.locator('a', { hasText: world.fieldName }).waitFor();
    await ctx.close();

    const insp = await context();
    const p2 = await insp.newPage();
    await signIn(p2, world.inspector.email, world.inspector.password);
    await p2.goto(`${web.origin}/#/tasks`);
    await p2.locator('table a', { hasText: '2026-12-01 – 2026-12-02' }).waitFor();
    expect(await p2.locator('a', { hasText: 'Жаңа тапсырма' }).count()).toBe(0);
    await insp.close();
  });

  it('R-PD-1, R-PD-4: a published policy is shown to everyone and must be accepted before anything else', async () => {
    const admin = await apiAs(world.admin.email, world.admin.password);
    await admin.call('POST', '/api/v1/policy', {
      version: '2026-1',
      effective_from: '2026-01-01',
      text_kk: 'Жеке деректер тек фитосанитариялық бақылау үшін өңделеді.',
      text_ru: 'Персональные данные обрабатываются только для фитосанитарного контроля.',
    });
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${web.origin}/#/policy`);
    await page.locator('article[lang=kk]', { hasText: 'тек фитосанитариялық' }).waitFor();
    expect(await page.locator('article[lang=ru]').textContent()).toContain('Персональные данные');
    await page.locator('main p', { hasText: '2026-1' }).first().waitFor();
    expect(await axe(page)).toEqual([]);

    await signIn(page, world.operator.email, world.operator.password);
    await page.goto(`${web.origin}/#/objects`);
    await page.locator('h1', { hasText: 'Жеке деректерді өңдеуге келісім' }).waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.locator('input[type=checkbox]').check();
    await page.locator('button', { hasText: /^Қабылдау$/ }).click();
    await page.locator('h1', { hasText: 'Тізілім' }).waitFor();
    await page.locator('table a', { hasText: world.fieldName }).waitFor();
    await ctx.close();
    // Everyone else accepts through the API, so the other scenarios go on as before.
    for (const who of [world.admin, world.head, world.inspector]) {
      const c = await apiAs(who.email, who.password);
      await c.call('POST', '/api/v1/policy/accept', { version: '2026-1' });
    }
  });

  it('R-I18N-1: the language switch turns the portal Russian and English, and is remembered', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.operator.email, world.operator.password);
    await page.goto(`${web.origin}/#/objects`);
    await page.locator('h1', { hasText: 'Тізілім' }).waitFor();
    await page.locator('#lang-select').selectOption('ru');
    await page.locator('h1', { hasText: 'Реестр' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('th').first().textContent()).toBe('Наименование');
    await page.reload();
    await page.locator('h1', { hasText: 'Реестр' }).waitFor();
    await page.locator('#lang-select').selectOption('en');
    await page.locator('h1', { hasText: 'Register' }).waitFor();
    expect(await page.locator('nav[aria-label] a').allTextContents()).toContain('Survey tasks');
    await ctx.close();
  });

  it('a phone-sized screen: the menu folds behind a button and nothing overflows sideways', async () => {
    const ctx = await context({ viewport: { width: 375, height: 740 } });
    const page = await ctx.newPage();
    await signIn(page, world.head.email, world.head.password);
    await page.goto(`${web.origin}/#/objects`);
    await page.locator('table').waitFor();
    const toggle = page.locator('button.menu-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await page.locator('#main-menu').isVisible()).toBe(false);
    await toggle.click();
    expect(await page.locator('#main-menu').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await axe(page)).toEqual([]);
    await ctx.close();
  });

  it('R-ROLE-1, R-AUDIT-1: the administrator sees users and searches the audit journal; axe finds nothing serious', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.admin.email, world.admin.password);
    const menu = await page.locator('nav[aria-label] a').allTextContents();
    expect(menu).toEqual(expect.arrayContaining(['Пайдаланушылар', 'Ұйымдар', 'Аудит журналы']));
    expect(menu).not.toContain('Актілер');
    expect(await axe(page)).toEqual([]);
    await page.goto(`${web.origin}/#/users`);
    await page.locator('table a', { hasText: 'Омаров Бауыржан' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto(`${web.origin}/#/audit`);
    await page.locator('#au-action').fill('user.create');
    await page.locator('form[aria-label] button[type=submit]').click();
    // Only user.create entries once the search has answered (the admin made four people).
    await page.waitForFunction(() => {
      const codes = [...document.querySelectorAll('table code')].map((c) => c.textContent);
      return codes.length >= 4 && codes.every((c) => c === 'user.create');
    });
    expect(await axe(page)).toEqual([]);
    await page.locator('button', { hasText: 'тұтастығын' }).click();
    await page.locator('[role=status].ok').waitFor();
    await ctx.close();
  });

  it('issue 15, R-PD-4, R-PD-1: the administrator publishes a policy version and resolves a withdrawal request', async () => {
    const head = await apiAs(world.head.email, world.head.password);
    await head.call('POST', '/api/v1/privacy/withdrawals', { reason: 'E2E: келісімімді қайтарып аламын' });
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.admin.email, world.admin.password);
    await page.goto(`${web.origin}/#/admin/privacy`);
    await page.locator('h1', { hasText: 'Дербес деректер' }).waitFor();
    await page.locator('main p', { hasText: '2026-1' }).first().waitFor();
    await page.locator('blockquote', { hasText: 'E2E: келісімімді' }).waitFor();
    expect(await axe(page)).toEqual([]);
    // A later version, in Kazakh and Russian, published ahead of its date: nobody is stopped today.
    await page.locator('#pp-version').fill('2099-1');
    await page.locator('#pp-effective').fill('2099-01-01');
    await page.locator('#pp-kk').fill('Жаңа редакция: деректер тек фитосанитариялық бақылау үшін өңделеді.');
    await page.locator('#pp-ru').fill('Новая редакция: данные обрабатываются только для фитосанитарного контроля.');
    await page.locator('button[type=submit]', { hasText: 'Жариялау' }).click();
    await page.locator('[role=status].ok', { hasText: '2099-1' }).waitFor();
    // The withdrawal request is rejected with a comment; the list empties.
    await page.locator('form[aria-label=Шешу] select').selectOption('rejected');
    await page.locator('form[aria-label=Шешу] input').fill('E2E: қызметтік қажеттілік');
    await page.locator('form[aria-label=Шешу] button[type=submit]').click();
    await page.locator('p', { hasText: 'Ашық сұраулар жоқ.' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();
    const admin = await apiAs(world.admin.email, world.admin.password);
    const all = await admin.call<Array<{ status: string; comment: string | null }>>('GET', '/api/v1/privacy/withdrawals?status=all');
    expect(all.map((w) => [w.status, w.comment])).toEqual([['rejected', 'E2E: қызметтік қажеттілік']]);
    const current = await admin.call<{ version: string }>('GET', '/api/v1/policy/current');
    expect(current.version).toBe('2026-1');
  });
  it('issue 15, R-PD-1: a person corrects their own phone and position and asks to rectify the rest; the administrator resolves it', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/me`);
    await page.locator('#own-position').fill('Бас фитосанитариялық инспектор');
    await page.locator('#own-phone').fill('+7 702 111 22 33');
    await page.locator('form[aria-labelledby=own-h] button[type=submit]').click();
    await page.locator('form[aria-labelledby=own-h] [role=status]').waitFor();
    await page.locator('#rect-details').fill('E2E: тегім қате жазылған, дұрысы — Сейтқалиев');
    await page.locator('form[aria-labelledby=rect-h] button[type=submit]').click();
    await page.locator('form[aria-labelledby=rect-h] [role=status]').waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();
    const inspector = await apiAs(world.inspector.email, world.inspector.password);
    const me = await inspector.call<{ position: string; phone: string | null }>('GET', '/api/v1/me');
    expect(me.position).toBe('Бас фитосанитариялық инспектор');
    expect(me.phone).toContain('702');
    // The administrators are told, and the request waits on the privacy screen.
    const admin = await apiAs(world.admin.email, world.admin.password);
    const told = await admin.call<Array<{ kind: string }>>('GET', '/api/v1/notifications');
    expect(told.map((n) => n.kind)).toContain('rectification-filed');
    const actx = await context();
    const apage = await actx.newPage();
    await signIn(apage, world.admin.email, world.admin.password);
    await apage.goto(`${web.origin}/#/admin/privacy`);
    await apage.locator('blockquote', { hasText: 'E2E: тегім қате' }).waitFor();
    expect(await axe(apage)).toEqual([]);
    await apage.locator('form[aria-label="Түзету өтінішін шешу"] button[type=submit]').click();
    await apage.locator('p', { hasText: 'Ашық түзету өтініштері жоқ.' }).waitFor();
    await actx.close();
    const answers = await inspector.call<Array<{ kind: string }>>('GET', '/api/v1/notifications');
    expect(answers.map((n) => n.kind)).toContain('rectification-resolved');
  });
});
