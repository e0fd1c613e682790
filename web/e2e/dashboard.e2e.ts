/**
 * The Head's dashboard end to end (issue 13): real Chromium against a real `fito serve`.
 * Surveys are made through the API in two districts of Akmola and one of Abai; the Head
 * sees the country's numbers, drills from Akmola to its districts, and exports the same
 * report as XLSX (read back here) and PDF (pdftotext finds the totals). The administrator
 * sees the same numbers on the map as a region summary, and loads region boundaries,
 * which turn it into a choropleth.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, seed, startFito, startWeb, type Fito, type World } from './harness.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let fito: Fito;
let web: { origin: string; stop(): Promise<void> };
let world: World;
let browser: Browser;
const csp: string[] = [];

/** Fields in Akkol and Arshaly districts (Akmola) and Abai district (Abai), each surveyed once. */
const FIELDS = [
  { name: 'Ақкөл алқабы', kato: '113200000', lon: 70.9, lat: 52.0, day: '2026-05-10', surveyed: 40, infested: 3 },
  { name: 'Аршалы алқабы', kato: '113400000', lon: 72.2, lat: 50.8, day: '2026-06-12', surveyed: 60, infested: 6.25 },
  { name: 'Абай алқабы', kato: '103200000', lon: 80.2, lat: 50.4, day: '2026-07-01', surveyed: 20, infested: 1 },
];

beforeAll(async () => {
  fito = await startFito();
  world = await seed(fito);
  const inspector = new Client(fito.origin);
  await inspector.signIn(world.inspector.email, world.inspector.password);
  for (const f of FIELDS) {
    const d = 0.01;
    const ring = [[f.lon - d, f.lat - d], [f.lon + d, f.lat - d], [f.lon + d, f.lat + d], [f.lon - d, f.lat + d], [f.lon - d, f.lat - d]];
    const o = await inspector.call<{ id: string }>('POST', '/api/v1/objects', { type: 'field', name: f.name, kato: f.kato, crop: 'wheat_spring', geometry: { type: 'Polygon', coordinates: [ring] } });
    await inspector.call('POST', '/api/v1/surveys', {
      object_id: o.id,
      surveyed_at: `${f.day}T06:00:00Z`,
      crop: 'wheat_spring',
      points: [{ lat: f.lat, lon: f.lon, accuracy_m: 5, fixed_at: `${f.day}T06:01:00Z`, findings: [{ organism: 'ACLRGL', area_surveyed_ha: f.surveyed, area_infested_ha: f.infested }] }],
    });
  }
  web = await startWeb(fito.origin);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
});

afterAll(async () => {
  expect(csp).toEqual([]);
  await browser?.close();
  await web?.stop();
  await fito?.stop();
});

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

/** The text of every XML part of a ZIP (an XLSX workbook), read with zlib. */
function zipTexts(zip: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    out.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function download(page: Page, testid: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${testid}]`).click()]);
  const path = await dl.path();
  if (!path) throw new Error(`no ${testid} download`);
  return readFileSync(path);
}

/** A number as shown, in any locale's decimal comma or point, without grouping spaces. */
const num = (s: string) => s.replace(/\s/g, '').replace(',', '.');

const rows = async (page: Page, testid: string) =>
  (await page.locator(`[data-testid=${testid}] tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')))).map((r) => r.map((c, i) => (i === 0 ? c : num(c))));

describe('the Head’s dashboard in Chromium', () => {
  it('issue 13: a Head sees the country, drills from a region to its districts, and exports XLSX and PDF', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', acceptDownloads: true });
    await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
    const page = await ctx.newPage();
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
    await page.goto(`${web.origin}/#/`);
    await page.locator('#email').fill(world.head.email);
    await page.locator('#password').fill(world.head.password);
    await page.locator('form button[type=submit]').click();
    await page.locator('nav[aria-label] a', { hasText: 'Басқару тақтасы' }).click();
    await page.locator('[data-testid=units]').waitFor();
    // This season by default; the surveys were made in 2026, so ask for that year.
    await page.locator('#d-from').fill('2026-01-01');
    await page.locator('#d-from').dispatchEvent('change');
    await page.locator('#d-to').fill('2026-12-31');
    await page.locator('#d-to').dispatchEvent('change');
    await page.waitForFunction(() => location.hash.includes('to=2026-12-31'));
    // The world's own survey (no KATO code) adds 2 ha surveyed, 0.5 infested, one focus.
    await page.locator('[data-testid=totals]', { hasText: /10[.,]75/ }).waitFor();
    const totals = await page.locator('[data-testid=totals] dd').allTextContents();
    expect(totals.map(num)).toEqual(['122', '10.75', '4']);
    const country = await rows(page, 'units');
    // Findings outside any KATO code first, then the regions by code.
    expect(country.map((r) => r[0])).toEqual(['ӘАОЖ коды жоқ', 'Абай облысы', 'Ақмола облысы']);
    expect(country[2]).toEqual(['Ақмола облысы', '110000000', '100', '9.25', '2']);
    await page.locator('[data-testid=units-chart]').waitFor();
    expect(await page.locator('[data-testid=inspectors] tbody th').allTextContents()).toEqual(['Сейітқали Әйгерім']);
    expect((await rows(page, 'quarantine'))[0]?.[0]).toBe('2026-07-01');
    expect(await axe(page)).toEqual([]);

    // Drill: Akmola → its two districts.
    await page.locator('[data-testid=units] a', { hasText: 'Ақмола облысы' }).click();
    await page.waitForFunction(() => location.hash.includes('kato=110000000'));
    await page.locator('[data-testid=totals]', { hasText: /9[.,]25/ }).waitFor();
    const districts = await rows(page, 'units');
    expect(districts).toEqual([
      ['Ақкөл ауданы', '113200000', '40', '3', '1'],
      ['Аршалы ауданы', '113400000', '60', '6.25', '1'],
    ]);
    expect(await page.locator('nav.crumbs li').allTextContents()).toEqual(['Барлық облыстар', 'Ақмола облысы (110000000)']);
    expect(await axe(page)).toEqual([]);

    // The same report of the region as XLSX: names, KATO codes and the numbers.
    const xlsx = zipTexts(await download(page, 'export-xlsx'));
    const all = [...xlsx.values()].join('\n');
    for (const want of ['Ақкөл ауданы', 'Аршалы ауданы', '113200000', '113400000', 'Сейітқали']) expect(all).toContain(want);
    expect(all).toContain('<v>9.25</v>');
    expect(all).not.toContain('Абай ауданы');

    // And as PDF: pdftotext finds the region's totals.
    const pdf = await download(page, 'export-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'fito-dash-'));
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('100.00');
    expect(text.stdout).toContain('9.25');
    expect(text.stdout).toContain('Ақкөл ауданы');
    await ctx.close();
  });

  it('issue 13: the map summarises findings by region; loaded boundaries make it a choropleth', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ' });
    await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
    const page = await ctx.newPage();
    // The base map's outside tiles are not this test's business (portal.e2e.ts does the same).
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && !/tile|openstreetmap/i.test(m.text()) && csp.push(m.text()));
    await page.goto(`${web.origin}/#/`);
    await page.locator('#email').fill(world.admin.email);
    await page.locator('#password').fill(world.admin.password);
    await page.locator('form button[type=submit]').click();
    await page.locator('nav[aria-label]').first().waitFor();
    const summary = page.locator('[data-testid=region-summary]');
    const openMap = async () => {
      await page.goto(`${web.origin}/#/map?from=2026-01-01&to=2027-01-01`);
      await summary.locator('table').waitFor({ state: 'attached' });
      if (!(await summary.evaluate((d) => (d as HTMLDetailsElement).open))) await summary.locator('summary').click();
    };

    // No boundaries yet: each region a circle at the centre of its findings.
    await openMap();
    await page.locator('[data-testid=region-summary][data-boundaries="0"]').waitFor();
    const shapes = () => summary.locator('tbody td:last-child').allTextContents();
    expect((await rows(page, 'region-summary')).map((r) => r.slice(0, 5))).toEqual([
      ['Ақмола облысы', '110000000', '2', '9.25', '100'],
      ['Абай облысы', '100000000', '1', '1', '20'],
    ]);
    expect(await shapes()).toEqual(['анықталғандар ортасындағы шеңбер', 'анықталғандар ортасындағы шеңбер']);
    await page.locator('[data-testid=register-map][data-idle=yes]').waitFor();
    expect(await axe(page)).toEqual([]);

    // The administrator loads the boundaries of Akmola and Abai from a GeoJSON file.
    const square = (kato: string, lon: number, lat: number) => ({
      type: 'Feature',
      properties: { KATO: kato },
      geometry: { type: 'Polygon', coordinates: [[[lon - 2, lat - 1.5], [lon + 2, lat - 1.5], [lon + 2, lat + 1.5], [lon - 2, lat + 1.5], [lon - 2, lat - 1.5]]] },
    });
    const file = { type: 'FeatureCollection', features: [square('110000000', 71.5, 51.5), square('100000000', 80.5, 50.0)] };
    await page.goto(`${web.origin}/#/admin/reference?list=admin-units`);
    await page.locator('[data-testid=boundaries]').waitFor();
    await page.locator('#bd-file').setInputFiles({ name: 'regions.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.locator('[data-testid=boundaries] button[type=submit]').click();
    await page.locator('[data-testid=boundaries-done]', { hasText: '2 шекара жүктелді' }).waitFor();
    expect(await axe(page)).toEqual([]);

    // The summary is now drawn as the regions' boundaries.
    await openMap();
    await page.locator('[data-testid=region-summary][data-boundaries="2"]').waitFor();
    expect(await shapes()).toEqual(['шекара', 'шекара']);
    await ctx.close();
  });
});
