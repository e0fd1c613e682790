/**
 * Loading a dictionary from a file in real Chromium on a real `fito serve` (issue 15, R-OBJ-2):
 * the administrator uploads a CSV of organisms as Excel in Kazakhstan saves it (BOM, semicolons),
 * sees what would be added, changed (old → new) and retired, applies it, and the organism list
 * shows the change. An image sent instead is refused with a translated reason, nothing changed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, context, launch, signIn } from './browser.js';
import { Client, PASSWORD, startFito, startWeb, type Fito } from './harness.js';

let fito: Fito;
let web: { origin: string; stop(): Promise<void> };
let browser: Browser;
let admin: Client;

beforeAll(async () => {
  fito = await startFito();
  admin = new Client(fito.origin);
  await admin.signIn(fito.adminEmail, fito.adminPassword);
  await admin.call('POST', '/api/v1/auth/password', { current_password: fito.adminPassword, new_password: PASSWORD });
  web = await startWeb(fito.origin);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await fito?.stop();
});

type Organism = { eppo_code: string; kind: string; category: string; name_la: string; name_kk: string | null; name_ru: string; name_en: string | null; active: boolean };

const cell = (v: string | null) => `"${(v ?? '').replace(/"/g, '""')}"`;

function csv(rows: Organism[]): Buffer {
  const lines = ['eppo_code;kind;category;name_la;name_kk;name_ru;name_en'];
  for (const o of rows) lines.push([o.eppo_code, o.kind, o.category, cell(o.name_la), cell(o.name_kk), cell(o.name_ru), cell(o.name_en)].join(';'));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('reference data import in Chromium', () => {
  it('issue 15, R-OBJ-2: upload a CSV of organisms, see added / changed / retired, apply, see the list change', async () => {
    const before = await admin.call<Organism[]>('GET', '/api/v1/reference/organisms?include_retired=true');
    const rows = before.map((o) => ({ ...o }));
    const dropped = rows.shift() as Organism;
    const renamed = rows[0] as Organism;
    const oldName = renamed.name_kk;
    renamed.name_kk = 'Жаңа атауы (E2E)';
    rows.push({ eppo_code: 'ZZEEEE', kind: 'pest', category: 'absent', name_la: 'Novus e2e', name_kk: 'Жаңа зиянкес E2E', name_ru: 'Новый вредитель E2E', name_en: null, active: true });

    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, web.origin, fito.adminEmail, PASSWORD);
    await page.goto(`${web.origin}/#/admin/reference?list=organisms`);
    await page.locator('td code', { hasText: renamed.eppo_code }).first().waitFor();
    await page.locator('button', { hasText: 'Файлдан жүктеу' }).click();
    await page.locator('#ri-columns', { hasText: 'eppo_code' }).waitFor();

    // An image instead of the file: refused in Kazakh, nothing to apply.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await page.locator('#ri-file').setInputFiles({ name: 'scan.csv', mimeType: 'text/csv', buffer: png });
    await page.locator('button[type=submit]', { hasText: 'Тексеру' }).click();
    await page.locator('[role=alert]', { hasText: 'сурет' }).waitFor();

    await page.locator('#ri-file').setInputFiles({ name: 'eaeu-2026.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.locator('button[type=submit]', { hasText: 'Тексеру' }).click();
    await page.locator('[data-testid=ri-added] li', { hasText: 'ZZEEEE' }).waitFor();
    expect(await page.locator('[data-testid=ri-added] li').count()).toBe(1);
    const changed = page.locator('[data-testid=ri-changed] > li');
    expect(await changed.count()).toBe(1);
    const change = (await changed.first().innerText()).replace(/\s+/g, ' ');
    expect(change).toContain(renamed.eppo_code);
    expect(change).toContain(`${oldName ?? '—'} → Жаңа атауы (E2E)`);
    await page.locator('[data-testid=ri-retired] li', { hasText: dropped.eppo_code }).waitFor();
    expect(await page.locator('[data-testid=ri-retired] li').count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    // Nothing is written by the preview.
    expect(await admin.call<Organism[]>('GET', '/api/v1/reference/organisms?include_retired=true')).toEqual(before);

    await page.locator('button', { hasText: 'Қолдану' }).click();
    await page.locator('[role=status]', { hasText: 'Анықтамалық жаңартылды' }).waitFor();
    // The organism list shows the change: the new one, the new name, the retired one only among the retired.
    await page.locator('td code', { hasText: 'ZZEEEE' }).waitFor();
    await page.locator('td', { hasText: 'Жаңа атауы (E2E)' }).waitFor();
    expect(await page.locator('td code', { hasText: new RegExp(`^${dropped.eppo_code}$`) }).count()).toBe(0);
    await page.locator('label', { hasText: 'Шығарылғандарын да көрсету' }).click();
    const retiredRow = page.locator('tr', { has: page.locator('td code', { hasText: new RegExp(`^${dropped.eppo_code}$`) }) });
    await retiredRow.locator('td', { hasText: 'Қолданыстан шығарылған' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();

    const after = await admin.call<Organism[]>('GET', '/api/v1/reference/organisms?include_retired=true');
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((o) => o.eppo_code === dropped.eppo_code)?.active).toBe(false);
    expect(after.find((o) => o.eppo_code === renamed.eppo_code)?.name_kk).toBe('Жаңа атауы (E2E)');
    expect(after.find((o) => o.eppo_code === 'ZZEEEE')?.active).toBe(true);
  });
});
