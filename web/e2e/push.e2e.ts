/**
 * Web Push in the field app, in real Chromium on a real `fito serve` with `[push]` configured
 * (issue 15, R-NOTIF-1): nothing asks for permission until the person turns notifications on;
 * then the device subscribes with the server's VAPID key and its chosen kinds; a task assigned
 * to them is pushed (to a local stand-in for the browser's push service, which only Chromium's
 * own service could decrypt), and the service worker shows a pushed notification.
 *
 * The browser's push service is out of reach here (no network), so `pushManager.subscribe` is
 * answered by the page itself with an endpoint on this machine; everything else is real.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, context, launch, signIn } from './browser.js';
import { Client, seed, startFito, startWeb, type Fito, type World } from './harness.js';

let fito: Fito;
let web: { origin: string; stop(): Promise<void> };
let world: World;
let browser: Browser;
let pushService: Server;
const pushed: string[] = [];

// A valid P-256 public key and a 16-byte secret, as a browser's subscription carries them.
const P256DH = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
const AUTH = 'tBHItJI5svbpez7KI4CCXg';

beforeAll(async () => {
  pushService = createServer((req, res) => {
    pushed.push(req.url ?? '');
    req.resume();
    res.writeHead(201).end();
  });
  await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', () => r()));
  const port = (pushService.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'fito-push-e2e-'));
  const config = join(dir, 'fito.toml');
  writeFileSync(config, `[push]\nsubject = "mailto:e2e@fito.kz"\ninterval_seconds = 1\n\n[egress]\nallow = ["127.0.0.1:${port}"]\n`);
  process.env.FITO_CONFIG = config;
  fito = await startFito();
  delete process.env.FITO_CONFIG;
  world = await seed(fito);
  web = await startWeb(fito.origin);
  browser = await launch();
  (globalThis as { pushPort?: number }).pushPort = port;
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await fito?.stop();
  await new Promise((r) => pushService?.close(r));
});

describe('Web Push in Chromium', () => {
  it('R-NOTIF-1: permission only after turning it on, subscribed with the VAPID key and the chosen kinds, pushed, shown', async () => {
    const port = (globalThis as { pushPort?: number }).pushPort as number;
    const ctx = await context(browser);
    await ctx.grantPermissions(['notifications'], { origin: web.origin });
    await ctx.addInitScript(
      ({ endpoint, p256dh, auth }) => {
        const w = window as unknown as { __asked: number; __key: number[] | null };
        w.__asked = 0;
        w.__key = null;
        const ask = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (() => {
          w.__asked += 1;
          return ask();
        }) as typeof Notification.requestPermission;
        let current: unknown = null;
        const fake = {
          endpoint,
          toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
          unsubscribe: async () => ((current = null), true),
        };
        PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
          w.__key = Array.from(new Uint8Array(options?.applicationServerKey as ArrayBuffer));
          current = fake;
          return fake as unknown as PushSubscription;
        };
        PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
      },
      { endpoint: `http://127.0.0.1:${port}/wpush/e2e-phone`, p256dh: P256DH, auth: AUTH },
    );
    const page = await ctx.newPage();
    await signIn(page, web.origin, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/field/push`);
    await page.locator('h1', { hasText: 'Хабарламалар' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    // Acts approved: not on this phone.
    await page.locator('input[name=push-kind][value=act-approved]').uncheck();
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await page.locator('label', { hasText: 'Хабарламаларды осы құрылғыға алу' }).locator('input').click();
    await page.locator('[role=status]', { hasText: 'Қосулы' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
    // The key the device subscribed with is the server's.
    const { key } = await (await fetch(`${fito.origin}/api/v1/push/vapid-public-key`)).json() as { key: string };
    const sent = await page.evaluate(() => (window as unknown as { __key: number[] }).__key);
    expect(Buffer.from(sent).toString('base64url')).toBe(key);

    // A task assigned to the inspector reaches the device's push service.
    const head = new Client(fito.origin);
    await head.signIn(world.head.email, world.head.password);
    await head.call('POST', '/api/v1/survey-tasks', { assignee_id: world.inspector.id, basis: 'plan', object_ids: [world.fieldId], starts_on: '2026-12-10', due_on: '2026-12-11' });
    const until = Date.now() + 30_000;
    while (!pushed.includes('/wpush/e2e-phone') && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(pushed).toContain('/wpush/e2e-phone');

    // The service worker shows what is pushed to it, titled from the payload.
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await ctx.newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
        const r = e.registrations.find((x) => !x.isDeleted && x.scopeURL.startsWith(web.origin));
        if (r) resolve(r.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    const payload = JSON.stringify({ id: 'n-e2e', kind: 'task-assigned', title: 'Сізге тапсырма берілді (E2E)', target_kind: 'survey_task', target_id: 't-e2e' });
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: web.origin, registrationId, data: payload });
    let shown: Array<{ title: string; url: string }> = [];
    const end = Date.now() + 10_000;
    while (shown.length === 0 && Date.now() < end) {
      shown = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return (await reg.getNotifications()).map((n) => ({ title: n.title, url: (n.data as { url: string }).url }));
      });
      if (shown.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(shown).toEqual([{ title: 'Сізге тапсырма берілді (E2E)', url: `${web.origin}/#/tasks/t-e2e` }]);

    // Turning it off unsubscribes the device on the server too.
    await page.locator('label', { hasText: 'Хабарламаларды осы құрылғыға алу' }).locator('input').click();
    await page.locator('[role=status]', { hasText: 'Өшірулі' }).waitFor();
    await ctx.close();
  });
});
