/**
 * Objects in real Chromium on a real `fito serve` (issue 15, R-OBJ-1, R-GEO-1): an inspector
 * edits an object's name and redraws its polygon with the drawing library, archives it with a
 * reason and restores it; the history reads as a diff with who, when and why; a buffer of it
 * becomes a quarantine zone linked from the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, context, launch, signIn } from './browser.js';
import { Client, seed, startFito, startWeb, type Fito, type World } from './harness.js';

let fito: Fito;
let web: { origin: string; stop(): Promise<void> };
let world: World;
let browser: Browser;

beforeAll(async () => {
  fito = await startFito();
  world = await seed(fito);
  web = await startWeb(fito.origin);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await fito?.stop();
});

type Feature = { geometry: { type: string; coordinates: number[][][] }; properties: { name: string; version: number; status: string } };

describe('objects in Chromium', () => {
  it('R-OBJ-1, R-GEO-1: edit the name and redraw the polygon, archive and restore with a reason, read the history', async () => {
    const api = new Client(fito.origin);
    await api.signIn(world.inspector.email, world.inspector.password);
    const before = await api.call<Feature>('GET', `/api/v1/objects/${world.fieldId}`);

    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, web.origin, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/objects/${world.fieldId}`);
    await page.locator('a', { hasText: 'Өзгерту' }).click();
    await page.locator('#oe-name').waitFor();
    await page.locator('#oe-name').fill('Бидай алқабы №1 (түзетілген)');
    // The drawing tool is there once the map has loaded and fitted the field.
    await page.locator('[data-testid=edit-map][data-ready=yes]').waitFor();
    const map = page.locator('[data-testid=edit-map] canvas');
    // Draw the field anew: four corners, then a click on the first closes it.
    await page.locator('button', { hasText: 'Көпбұрыш сызу' }).click();
    await page.locator('button[aria-pressed=true]', { hasText: 'Көпбұрыш сызу' }).waitFor();
    const box = await map.boundingBox();
    if (!box) throw new Error('no map');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (const [dx, dy] of [[-60, -50], [60, -50], [60, 50], [-60, 50]] as const) {
      await page.mouse.click(cx + dx, cy + dy);
      await page.waitForTimeout(200);
    }
    await page.mouse.click(cx - 60, cy - 50);
    // Closing the ring finishes the polygon and the tool returns to editing.
    await page.locator('button[aria-pressed=false]', { hasText: 'Көпбұрыш сызу' }).waitFor();
    await page.locator('#draw-edit-hint', { hasText: 'Polygon' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.locator('button[type=submit]', { hasText: 'Сақтау' }).click();
    await page.locator('h1', { hasText: 'Бидай алқабы №1 (түзетілген)' }).waitFor();

    const after = await api.call<Feature>('GET', `/api/v1/objects/${world.fieldId}`);
    expect(after.properties.version).toBe(before.properties.version + 1);
    expect(after.geometry.type).toBe('Polygon');
    expect(after.geometry.coordinates[0]).toHaveLength(5);
    expect(JSON.stringify(after.geometry)).not.toBe(JSON.stringify(before.geometry));

    // Archive with a reason, then restore.
    await page.locator('button', { hasText: 'Мұрағатқа' }).first().click();
    await page.locator('#move-reason').fill('E2E: алқап басқа иеге өтті');
    await page.locator('form[aria-labelledby=move-h] button[type=submit]').click();
    await page.locator('dd', { hasText: 'Мұрағатта' }).waitFor();
    await page.locator('button', { hasText: 'Мұрағаттан қайтару' }).click();
    await page.locator('#move-reason').fill('E2E: қате мұрағатталды');
    await page.locator('form[aria-labelledby=move-h] button[type=submit]').click();
    await page.locator('td', { hasText: 'E2E: қате мұрағатталды' }).waitFor();

    // The history: newest first, who and why, and what changed.
    const table = (await page.locator('section[aria-labelledby=hist] table').textContent()) ?? '';
    expect(table).toContain('E2E: алқап басқа иеге өтті');
    expect(table).toContain('Сейітқали Әйгерім');
    expect(table).toContain('Бидай алқабы №1 (түзетілген)');
    expect(table).toContain('Орны');
    const del = await page.locator('section[aria-labelledby=hist] del', { hasText: 'Бидай алқабы №1' }).count();
    expect(del).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);

    // Buffer → quarantine zone: made on the server, linked from the page.
    await page.locator('summary', { hasText: 'Буфер' }).click();
    await page.locator('#bz-radius').fill('2');
    await page.locator('#bz-name').fill('E2E карантиндік аймақ');
    await page.locator('form[aria-label^=Буфер] button[type=submit]').click();
    await page.locator('[role=status] a', { hasText: 'E2E карантиндік аймақ' }).click();
    await page.locator('h1', { hasText: 'E2E карантиндік аймақ' }).waitFor();
    expect(await page.locator('dl').textContent()).toContain('Polygon');
    await ctx.close();
    const final = await api.call<Feature>('GET', `/api/v1/objects/${world.fieldId}`);
    expect(final.properties.status).toBe('active');
  });

  it('R-GEO-1, issue 15: import checks the file first (map preview, refusals by feature and line), then writes all of it', async () => {
    const api = new Client(fito.origin);
    await api.signIn(world.inspector.email, world.inspector.password);
    const count = async () => (await api.call<{ features: unknown[] }>('GET', '/api/v1/objects?limit=10000')).features.length;
    const before = await count();
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, web.origin, world.inspector.email, world.inspector.password);
    await page.goto(`${web.origin}/#/objects/import`);
    await page.locator('h1', { hasText: 'Файлдан импорттау' }).waitFor();
    const bad = 'name,lon,lat,crop,type\nE2E жақсы,71.40,51.10,,outbreak_focus\nE2E жаман,71.50,51.20,moon_wheat,outbreak_focus\n';
    await page.locator('#im-file').setInputFiles({ name: 'ошақтар.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.locator('button[type=submit]', { hasText: 'Тексеру' }).click();
    await page.locator('h2', { hasText: 'Алдын ала қарау' }).waitFor();
    const refusals = page.locator('section[aria-labelledby=pv-h] tbody tr');
    expect(await refusals.count()).toBe(1);
    expect(await refusals.first().locator('td').nth(1).textContent()).toBe('3');
    expect(await page.locator('button', { hasText: 'импорттау' }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    expect(await count()).toBe(before);

    const good = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [71.45, 51.15] }, properties: { name: 'E2E ошақ 1' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [71.46, 51.16] }, properties: { name: 'E2E ошақ 2' } },
      ],
    });
    await page.locator('#im-file').setInputFiles({ name: 'ошақтар.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(good) });
    await page.locator('#im-type').selectOption('outbreak_focus');
    await page.locator('button[type=submit]', { hasText: 'Тексеру' }).click();
    await page.locator('[data-testid=import-map] canvas').waitFor();
    await page.locator('button', { hasText: 'Барлық 2 объектіні импорттау' }).click();
    await page.locator('[role=status].ok', { hasText: '2' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();
    expect(await count()).toBe(before + 2);
  });
});
