// Issue 16 end to end on a phone (R-MOB-1): the field app keeps the tiles of the
// inspector's area after sync, and offline, with no base map at all (its tiles are refused),
// the tap-to-place map draws the inspector's field from those kept tiles.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../harness.js';
import { fieldSignIn, kk, profile, startScene, waitFor, type Scene } from './common.js';

let scene: Scene;
let phone: BrowserContext;
let page: Page;

beforeAll(async () => {
  scene = await startScene();
  phone = await profile(scene.browser, scene.front.url, true);
  page = await phone.newPage();
}, 600_000);

afterAll(async () => {
  await scene?.stop();
});

const saved = async () => Number((await page.locator('[data-testid=offline-tiles]').textContent())?.replace(/\D/g, '') || 0);

describe('the offline map from kept tiles (issue 16)', () => {
  it("keeps the area's tiles after sync and draws the field from them offline, without a base map", async () => {
    await fieldSignIn(page, scene.world.inspector.email, PASSWORD);
    await waitFor(async () => (await saved()) > 0, "the area's tiles kept on the device");
    await phone.setOffline(true);
    expect(await page.evaluate(() => fetch('/readyz').then(() => 'reached', () => 'offline'))).toBe('offline');
    await page.goto('/#/field/object/new');
    await page.getByRole('button', { exact: true, name: kk('field-position-by-hand') }).click();
    // Centred on the field at zoom 14: its polygon comes from the kept objects tile.
    const map = page.locator('.position-input [data-drawn]');
    await waitFor(async () => Number(await map.getAttribute('data-drawn').catch(() => null)) > 0, 'the field drawn from kept tiles');
    expect(await page.getByRole('note').filter({ hasText: kk('field-map-failed') }).count()).toBe(0);
  });
});
