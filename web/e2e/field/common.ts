/**
 * What the issue-14 scenarios (zones, samples) share: Kazakh strings from the Fluent files,
 * people signed in to the portal or the field app in their own browser contexts, and reads of
 * the field app's IndexedDB (outbox, pulled cache). Waits are on visible state, never sleeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Messages } from '../../src/i18n.js';
import { seed, startFito, type Fito, type World } from '../harness.js';
import { buildWeb, REPO, startFront, type Front } from './harness.js';

const ftl = (lang: string, f: string) => readFileSync(join(REPO, 'i18n', lang, f), 'utf8');
const files = ['web.ftl', 'portal.ftl', 'web-field.ftl'];
const messages = new Messages({ kk: files.map((f) => ftl('kk', f)), ru: files.map((f) => ftl('ru', f)), en: files.map((f) => ftl('en', f)) });
export const kk = (id: string, args?: Record<string, string | number>) => messages.format('kk', id, args);

/** A minimal PDF: the server decides the type by content. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A browser profile on the front; nothing leaves the machine (base-map tiles answered here). */
export async function profile(browser: Browser, front: string, phone: boolean): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    locale: 'kk-KZ',
    baseURL: front,
  });
  await ctx.route((url) => !url.href.startsWith(front), (route) => route.fulfill({ status: 404, body: '' }));
  if (phone) await ctx.grantPermissions(['geolocation'], { origin: front });
  return ctx;
}

export async function portalSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/#/');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav[aria-label]').waitFor();
}

export async function fieldSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/#/field');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { exact: true, name: kk('portal-sign-in-button') }).click();
  await page.getByRole('heading', { level: 1, name: kk('field-day-title') }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
}

export async function waitFor(cond: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every row of one object store of the field app's database. */
export async function rows(p: Page, store: 'outbox' | 'cache'): Promise<Array<{ key?: string; id: string; kind: string; data: any }>> {
  return p.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('fito-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction(name).objectStore(name).getAll();
          get.onsuccess = () => {
            resolve(get.result);
            db.close();
          };
        };
      }),
    store,
  );
}

/** The status of a zone in the device's offline cache, or null when it holds none. */
export async function cachedZone(p: Page, id: string): Promise<string | null> {
  const zone = (await rows(p, 'cache')).find((r) => r.kind === 'zone' && r.id === id);
  return zone ? String(zone.data.status) : null;
}

/** Presses "sync now" on the day screen until `cond` holds (a pull can be running already). */
export async function syncUntil(p: Page, cond: () => Promise<boolean>, what: string): Promise<void> {
  await p.goto('/#/field');
  await p.getByRole('heading', { level: 1, name: kk('field-day-title') }).waitFor();
  const now = p.getByRole('button', { exact: true, name: kk('field-sync-now') });
  for (let attempt = 0; !(await cond()); attempt++) {
    if (attempt === 6) throw new Error(`timed out waiting for ${what}`);
    if ((await now.count()) > 0 && (await now.isEnabled())) await now.click();
    await waitFor(cond, what, 10_000).catch(() => undefined);
  }
}

/** What a scenario runs against: the built app on its front, a seeded `fito serve`, Chromium. */
export interface Scene {
  fito: Fito;
  front: Front;
  world: World;
  browser: Browser;
  /** Closes the browser (and so every context), the front and fito. */
  stop(): Promise<void>;
}

export async function startScene(): Promise<Scene> {
  buildWeb();
  const fito = await startFito();
  const front = await startFront(fito.origin);
  const world = await seed(fito);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader'],
  });
  return {
    fito,
    front,
    world,
    browser,
    stop: async () => {
      await browser.close();
      await front.stop();
      await fito.stop();
    },
  };
}
