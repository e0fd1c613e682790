// Issue 14 end to end in real headless Chromium against a real `fito serve` (R-MOB-1,
// R-GEO-1): a quarantine zone proposed in the portal from a focus, established by a Head
// with the decision's PDF, an inspector warned inside it by the field app offline (the
// zone came into the device's cache by sync pull: it is of the inspector's task area), the
// lifting evidence listed and the zone lifted, and the phone no longer warning there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Fito, type World } from '../harness.js';
import { cachedZone, fieldSignIn, kk, PDF, portalSignIn, profile, rows, startScene, syncUntil, waitFor, type Scene } from './common.js';
import { call, type Front } from './harness.js';

let scene: Scene;
let fito: Fito;
let front: Front;
let browser: Browser;
let world: World;
let head: Page;
let phone: BrowserContext;
let field: Page;
const contexts: BrowserContext[] = [];
const made: { surveyId?: string; zoneId?: string } = {};
const ZONE = 'Есіл карантин аймағы';
// Inside the seeded field (71.40–71.41, 51.10–51.11), at its seeded focus.
const INSIDE = { latitude: 51.105, longitude: 71.405 };

async function token(email: string): Promise<string> {
  return (await call(fito.origin, 'POST', '/api/v1/auth/login', undefined, { email, password: PASSWORD })).body.token;
}

async function desk(email: string): Promise<Page> {
  const ctx = await profile(browser, front.url, false);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await portalSignIn(page, email, PASSWORD);
  return page;
}

beforeAll(async () => {
  scene = await startScene();
  ({ fito, front, world, browser } = scene);
  // The seeded survey with its ACLRGL finding is the focus; the Head gives the inspector a
  // task on the field, so the zone around it is of the inspector's assigned area.
  const inspector = await token(world.inspector.email);
  const mine = await call(fito.origin, 'GET', '/api/v1/surveys?mine=true', inspector);
  const items = Array.isArray(mine.body) ? mine.body : mine.body.items;
  made.surveyId = items.find((s: any) => s.object_id === world.fieldId).id;
  const task = await call(fito.origin, 'POST', '/api/v1/survey-tasks', await token(world.head.email), {
    assignee_id: world.inspector.id,
    basis: 'plan',
    object_ids: [world.fieldId],
    starts_on: '2026-06-01',
    due_on: '2026-12-31',
    // The seeded survey of the field counts against the art. 18 visit limit: confirmed.
    confirm_warnings: true,
  });
  expect(task.status).toBe(201);
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await scene?.stop();
});

describe('quarantine zone from proposal to lifting (issue 14)', () => {
  it('an inspector proposes a zone in the portal from the focus on the survey page', async () => {
    const page = await desk(world.inspector.email);
    await page.goto(`/#/surveys/${made.surveyId}`);
    await page.getByRole('link', { name: kk('portal-zone-propose-here') }).first().click();
    await page.getByRole('heading', { level: 1, name: kk('portal-zone-new') }).waitFor();
    expect(await page.locator('#zone-organisms').inputValue()).toBe('ACLRGL');
    await page.locator('#zone-name').fill(ZONE);
    await page.locator('#zone-radius').fill('3');
    await page.locator('#zone-regime-kk').fill('Өнімді аймақтан тыс шығаруға тыйым салынады.');
    await page.locator('#zone-regime-ru').fill('Вывоз продукции за пределы зоны запрещён.');
    await page.getByRole('button', { exact: true, name: kk('portal-zone-propose') }).click();
    await page.getByRole('heading', { level: 1, name: ZONE }).waitFor();
    await page.locator('[data-testid=zone-status]', { hasText: kk('portal-zone-status-proposed') }).waitFor();
    made.zoneId = /#\/zones\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.locator('[data-testid=zone-objects] li', { hasText: world.fieldName }).waitFor();
  });

  it('a Head establishes it by a decision with its PDF attached', async () => {
    head = await desk(world.head.email);
    await head.goto(`/#/zones/${made.zoneId}`);
    const form = head.locator('form[aria-labelledby=establish-title]');
    await form.waitFor();
    await head.locator('#decision-number').fill('№ 15-к');
    await head.locator('#decision-date').fill('2026-07-01');
    await head.locator('#decision-authority').fill('Ақмола облысының әкімдігі');
    await head.locator('#decision-pdf').setInputFiles({ name: 'decision.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { exact: true, name: kk('portal-zone-establish') }).click();
    await head.locator('[data-testid=zone-status]', { hasText: kk('portal-zone-status-established') }).waitFor();
    expect(await head.locator('p.error[role=alert]').count()).toBe(0);
    const zone = await call(fito.origin, 'GET', `/api/v1/zones/${made.zoneId}`, await token(world.head.email));
    expect(zone.body.status).toBe('established');
    expect(zone.body.decision.number).toBe('№ 15-к');
  });

  it('R-MOB-1: the zone reaches the phone by sync, and recording a point inside it offline warns', async () => {
    phone = await profile(browser, front.url, true);
    contexts.push(phone);
    await phone.setGeolocation({ ...INSIDE, accuracy: 5 });
    field = await phone.newPage();
    await fieldSignIn(field, world.inspector.email, PASSWORD);
    await syncUntil(field, async () => (await cachedZone(field, made.zoneId!)) === 'established', 'the zone in the offline cache');

    await phone.setOffline(true);
    expect(await field.evaluate(() => fetch('/readyz').then(() => 'reached', () => 'offline'))).toBe('offline');
    await field.getByRole('button', { exact: true, name: kk('field-start-survey-on', { name: world.fieldName }) }).first().click();
    await field.getByRole('heading', { level: 1, name: kk('field-survey-title') }).waitFor();
    await field.getByRole('button', { exact: true, name: kk('field-record-point') }).click();
    await field.getByText(kk('field-accuracy', { metres: 5 })).waitFor();
    const warning = field.locator('li.point [data-testid=zone-warning]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(ZONE);
    // Surveyed clean: the survey is the lifting evidence once it is sent.
    await field.getByRole('button', { exact: true, name: kk('field-finish-survey') }).click();
    await waitFor(async () => (await rows(field, 'outbox')).some((r) => r.kind === 'survey'), 'the survey in the outbox');
    await phone.setOffline(false);
    await waitFor(async () => (await rows(field, 'outbox')).length === 0, 'the survey to be sent');
  });

  it('the Head sees the lifting evidence and lifts the zone; the phone stops warning there', async () => {
    // The page still open since the establishment listed what was missing then: the Head
    // opens it afresh and the evidence is the inspector's survey.
    await head.locator('[data-testid=lifting-missing]').waitFor();
    await head.reload();
    await head.locator('[data-testid=lifting-sufficient]').waitFor();
    await head.locator('#lift-note').fill('Тексеру таза: ағза табылмады.');
    await head.getByRole('button', { exact: true, name: kk('portal-zone-lift') }).click();
    await head.locator('[data-testid=zone-status]', { hasText: kk('portal-zone-status-lifted') }).waitFor();
    // The lifted zone keeps its whole history.
    await head.locator('ol li', { hasText: kk('portal-zone-change-lift') }).waitFor();
    expect(await head.locator('ol li').count()).toBe(3);

    await syncUntil(field, async () => (await cachedZone(field, made.zoneId!)) === 'lifted', 'the lifted zone on the phone');
    await phone.setOffline(true);
    await field.getByRole('button', { exact: true, name: kk('field-survey-adhoc') }).click();
    await field.getByRole('button', { exact: true, name: kk('field-record-point') }).click();
    await field.getByText(kk('field-accuracy', { metres: 5 })).waitFor();
    expect(await field.locator('li.point').count()).toBe(1);
    expect(await field.locator('[data-testid=zone-warning]').count()).toBe(0);
    await phone.setOffline(false);
  });
});
