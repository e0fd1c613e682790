/**
 * Accounts in real Chromium on a real `fito serve` (issue 15, R-USER-2, R-USER-3, R-PD-2):
 * self-registration with the IIN checked before sending, pending until an administrator
 * activates it; the administrator corrects the record and erases the account after a
 * confirmation that names the consequences.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, context, launch, signIn } from './browser.js';
import { Client, PASSWORD, iin, seed, startFito, startWeb, type Fito, type World } from './harness.js';

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

describe('accounts in Chromium', () => {
  it('R-USER-2, R-USER-3, R-PD-2: a person registers (pending), is activated, corrected and erased', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto(`${web.origin}/#/sign-in`);
    await page.locator('a[href="#/register"]').click();
    await page.locator('h1', { hasText: 'Тіркелу' }).waitFor();
    const email = 'self.registered@fito.e2e';
    const fields: Record<string, string> = {
      surname: 'Тұрсынов',
      first_name: 'Ерлан',
      iin: '900101300008',
      email,
      phone: '+7 705 123 45 67',
      position: 'Агроном',
    };
    for (const [k, v] of Object.entries(fields)) await page.locator(`#rg-${k}`).fill(v);
    await page.locator('#rg-password').fill(PASSWORD);
    await page.locator('#rg-password2').fill(PASSWORD);
    // A wrong check digit is caught before anything is sent, in the server's words.
    await page.locator('button[type=submit]', { hasText: 'Тіркелу' }).click();
    await page.locator('#rg-iin-problem', { hasText: 'бақылау цифры' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.locator('#rg-iin').fill(iin(777));
    await page.locator('button[type=submit]', { hasText: 'Тіркелу' }).click();
    await page.locator('[role=status]', { hasText: 'күтуде' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await ctx.close();
    // Pending: no sign-in yet.
    const refused = await fetch(`${fito.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(refused.ok).toBe(false);

    const admin = new Client(fito.origin);
    await admin.signIn(world.admin.email, world.admin.password);
    const pending = await admin.call<Array<{ id: string; email: string }>>('GET', '/api/v1/users?status=pending');
    const person = pending.find((u) => u.email === email);
    expect(person).toBeTruthy();
    const id = (person as { id: string }).id;

    const actx = await context(browser);
    const apage = await actx.newPage();
    await signIn(apage, web.origin, world.admin.email, world.admin.password);
    await apage.goto(`${web.origin}/#/users/${id}`);
    await apage.locator('h1', { hasText: 'Тұрсынов' }).waitFor();
    await apage.locator('#uu-role').selectOption('inspector');
    await apage.locator('#uu-org').selectOption({ index: 1 });
    await apage.locator('button.primary').click();
    // Activated once the page offers what only an active account has: deactivation.
    await apage.locator('button.danger', { hasText: 'Бұғаттау' }).waitFor();
    await apage.locator('button', { hasText: 'Есептік жазбаны жою' }).waitFor();
    // The person signs in with their own password now.
    const person1 = new Client(fito.origin);
    await person1.signIn(email, PASSWORD);

    // A rectification answered: the administrator corrects the surname.
    await apage.locator('summary', { hasText: 'Жазбаны түзету' }).click();
    await apage.locator('#ue-surname').fill('Тұрсынұлы');
    await apage.locator('form[aria-label="Жазбаны түзету"] button[type=submit]').click();
    await apage.locator('h1', { hasText: 'Тұрсынұлы' }).waitFor();
    expect(await axe(apage)).toEqual([]);

    // Erasure names what it does before it does it.
    await apage.locator('button', { hasText: 'Есептік жазбаны жою' }).click();
    const dialog = apage.locator('[role=alertdialog]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Тұрсынұлы');
    expect(text).toContain('ЖСН');
    expect(text).toContain('сеанстары');
    expect(text).toContain('журналы');
    expect(await axe(apage)).toEqual([]);
    await dialog.locator('button', { hasText: 'Біржола жою' }).click();
    await apage.waitForURL(/#\/users$/);
    await actx.close();
    const gone = await fetch(`${fito.origin}/api/v1/users/${id}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(gone.status).toBe(404);
    await expect(person1.call('GET', '/api/v1/me')).rejects.toThrow();
  });

  it('R-OBJ-2, issue 15: the administrator adds a crop, corrects it and retires it', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, web.origin, world.admin.email, world.admin.password);
    await page.goto(`${web.origin}/#/admin/reference?list=crops`);
    await page.locator('h1', { hasText: 'Анықтамалықтар' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await page.locator('button', { hasText: 'Жазба қосу' }).click();
    await page.locator('#rf-key').fill('e2e_millet');
    await page.locator('#rf-name_kk').fill('Тары (E2E)');
    await page.locator('#rf-name_ru').fill('Просо (E2E)');
    await page.locator('form[aria-labelledby=ref-form-h] button[type=submit]').click();
    await page.locator('#ref-q').fill('e2e_millet');
    const row = page.locator('tr', { hasText: 'e2e_millet' });
    await row.waitFor();
    await row.locator('button').click();
    await page.locator('#rf-name_en').fill('Millet (E2E)');
    await page.locator('form[aria-labelledby=ref-form-h] button[type=submit]').click();
    await page.locator('form[aria-labelledby=ref-form-h]').waitFor({ state: 'detached' });
    await row.locator('button').click();
    await page.locator('button', { hasText: 'Қолданыстан шығару' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await axe(page)).toEqual([]);
    await ctx.close();
    const admin = new Client(fito.origin);
    await admin.signIn(world.admin.email, world.admin.password);
    const crops = await admin.call<Array<{ code: string; active: boolean; name_en: string | null }>>('GET', '/api/v1/reference/crops?include_retired=true&q=e2e_millet');
    expect(crops.map((c) => [c.code, c.active, c.name_en])).toEqual([['e2e_millet', false, 'Millet (E2E)']]);
  });
});
