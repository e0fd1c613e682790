// Issue 14 end to end in real headless Chromium against a real `fito serve` (R-MOB-1,
// R-MOB-2): a laboratory sample taken offline in the field app with a quarantine finding,
// synced after the survey, referred and received by the office in the portal, the result
// entered with the laboratory's report, and the finding confirmed by it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Fito, type World } from '../harness.js';
import { fieldSignIn, kk, PDF, portalSignIn, profile, rows, startScene, syncUntil, waitFor, type Scene } from './common.js';
import { call, type Front } from './harness.js';

let scene: Scene;
let fito: Fito;
let front: Front;
let browser: Browser;
let world: World;
let phone: BrowserContext;
let field: Page;
const contexts: BrowserContext[] = [];
const NUMBER = 'ҮЛГІ-2026-0042';
const made: { surveyId?: string; sampleId?: string } = {};

async function token(email: string): Promise<string> {
  return (await call(fito.origin, 'POST', '/api/v1/auth/login', undefined, { email, password: PASSWORD })).body.token;
}

beforeAll(async () => {
  scene = await startScene();
  ({ fito, front, world, browser } = scene);
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await scene?.stop();
});

describe('laboratory sample from the field to the result (issue 14)', () => {
  it('R-MOB-1: offline, a point with a quarantine finding and a sample taken with it wait in the outbox', async () => {
    phone = await profile(browser, front.url, true);
    contexts.push(phone);
    await phone.setGeolocation({ latitude: 51.104, longitude: 71.404, accuracy: 5 });
    field = await phone.newPage();
    await fieldSignIn(field, world.inspector.email, PASSWORD);
    // The EPPO list comes by pull before the phone goes offline.
    await syncUntil(field, async () => (await rows(field, 'cache')).some((r) => r.kind === 'reference' && r.id === 'ACLRGL'), 'the organisms in the cache');

    await phone.setOffline(true);
    expect(await field.evaluate(() => fetch('/readyz').then(() => 'reached', () => 'offline'))).toBe('offline');
    await field.getByRole('button', { exact: true, name: kk('field-start-survey-on', { name: world.fieldName }) }).first().click();
    await field.getByRole('heading', { level: 1, name: kk('field-survey-title') }).waitFor();
    await field.getByRole('button', { exact: true, name: kk('field-record-point') }).click();
    await field.getByText(kk('field-accuracy', { metres: 5 })).waitFor();
    const point = field.locator('li.point').first();
    await point.getByRole('button', { exact: true, name: kk('field-add-finding') }).click();
    await field.locator('#f0-org').fill('ACLRGL');
    await field.getByRole('button', { exact: true, name: kk('field-save-finding') }).click();
    await point.getByRole('button', { exact: true, name: kk('field-take-sample') }).click();
    await field.locator('#s0-0-no').fill(NUMBER);
    await field.locator('#s0-0-what').fill('Жапырақтар мен сабақтар');
    await field.locator('#s0-0-q').fill('12');
    await field.locator('#s0-0-unit').fill('дана');
    await field.getByRole('button', { exact: true, name: kk('field-save-sample') }).click();
    await point.getByText(NUMBER, { exact: false }).waitFor();
    await field.getByRole('button', { exact: true, name: kk('field-finish-survey') }).click();
    await waitFor(async () => (await rows(field, 'outbox')).length === 2, 'the survey and the sample in the outbox');
    const outbox = await rows(field, 'outbox');
    expect(outbox.map((r) => r.kind).sort()).toEqual(['sample', 'survey']);
    const sample = outbox.find((r) => r.kind === 'sample')!;
    made.surveyId = outbox.find((r) => r.kind === 'survey')!.id;
    expect(sample.data).toMatchObject({ number: NUMBER, survey_id: made.surveyId, finding_seq: 1, quantity: 12, unit: 'дана' });
    made.sampleId = sample.id;
  });

  it('R-MOB-2: back online, the survey and then the sample reach the server once', async () => {
    await phone.setOffline(false);
    await field.goto('/#/field/outbox');
    await waitFor(async () => (await rows(field, 'outbox')).length === 0, 'the outbox to empty');
    const operator = await token(world.operator.email);
    const listed = await call(fito.origin, 'GET', '/api/v1/samples', operator);
    const ours = listed.body.filter((s: any) => s.number === NUMBER);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ id: made.sampleId, status: 'taken', survey_id: made.surveyId, organism: 'ACLRGL' });
  });

  it('the office refers it, the laboratory receives it and enters the result: the finding is confirmed', async () => {
    const ctx = await profile(browser, front.url, false);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await portalSignIn(page, world.operator.email, PASSWORD);
    const me = await call(fito.origin, 'GET', '/api/v1/me', await token(world.operator.email));
    await page.goto('/#/samples');
    await page.getByRole('link', { exact: true, name: NUMBER }).click();
    const status = (s: string) => page.locator('[data-testid=sample-status]', { hasText: kk(`portal-sample-status-${s}`) });
    await status('taken').waitFor();

    await page.locator('#sample-lab').fill(me.body.organization_id);
    await page.locator('#sample-referral').fill('ЗЖ-2026/42');
    await page.getByRole('button', { exact: true, name: kk('portal-sample-refer') }).click();
    await status('sent').waitFor();
    await page.getByRole('button', { exact: true, name: kk('portal-sample-receive') }).click();
    await status('received').waitFor();

    expect(await page.locator('#result-organism').inputValue()).toBe('ACLRGL');
    await page.locator('#result-method').fill('ПТР');
    await page.locator('#result-number').fill('№ 77/2026');
    await page.locator('#result-date').fill('2026-07-02');
    await page.locator('#result-report').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { exact: true, name: kk('portal-sample-result-save') }).click();
    await status('result').waitFor();
    const outcome = page.locator('[data-testid=sample-outcome]');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(kk('portal-sample-outcome-confirmed'));
    expect(await outcome.textContent()).toContain('№ 77/2026');

    // The result flowed back to the finding in the same step: the survey's page says so.
    await page.getByRole('link', { exact: true, name: kk('portal-open') }).click();
    await page.getByRole('heading', { level: 1, name: kk('portal-survey') }).waitFor();
    await page.locator('tr[data-seq="1"] [data-testid=finding-lab]', { hasText: kk('portal-finding-lab-confirmed') }).waitFor();
    const results = await call(fito.origin, 'GET', `/api/v1/surveys/${made.surveyId}/lab-results`, await token(world.head.email));
    expect(results.status).toBe(200);
    expect(results.body).toHaveLength(1);
    expect(results.body[0]).toMatchObject({ seq: 1, status: 'confirmed', sample_id: made.sampleId });
  });
});
