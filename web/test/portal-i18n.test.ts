// R-I18N-1: every portal message exists in Kazakh, Russian and English; Kazakh is the
// default; the language switch is remembered.
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { LANGS, Messages } from '../src/i18n.js';
import { sourcesFrom } from '../src/app/i18n-app.js';
import { ftlSources } from './ftl.js';

function ids(text: string): string[] {
  return [...text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=/gm)].map((m) => m[1] as string);
}

/** Message ids the portal's code names literally: t('…') and title: '…'. */
function usedIds(): string[] {
  const out = new Set<string>();
  const walk = (dir: URL) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
      else if (/\.tsx?$/.test(e.name)) {
        const text = readFileSync(new URL(e.name, dir), 'utf8');
        for (const m of text.matchAll(/\bt\('([a-z0-9-]+)'/g)) out.add(m[1] as string);
        for (const m of text.matchAll(/title: '([a-z0-9-]+)'/g)) out.add(m[1] as string);
      }
    }
  };
  walk(new URL('../src/app/', import.meta.url));
  walk(new URL('../src/portal/', import.meta.url));
  return [...out];
}

describe('portal messages', () => {
  const portal = ftlSources('portal.ftl');
  const web = ftlSources('web.ftl');

  it('define the same messages in kk, ru and en', () => {
    const kk = ids(portal.kk as string).sort();
    expect(kk.length).toBeGreaterThan(100);
    expect(ids(portal.ru as string).sort()).toEqual(kk);
    expect(ids(portal.en as string).sort()).toEqual(kk);
  });

  it('define the same privacy-screen messages in kk, ru and en', () => {
    const privacy = ftlSources('web-privacy.ftl');
    const kk = ids(privacy.kk as string).sort();
    expect(kk.length).toBeGreaterThan(20);
    expect(ids(privacy.ru as string).sort()).toEqual(kk);
    expect(ids(privacy.en as string).sort()).toEqual(kk);
  });

  it('cover every message id the screens use', () => {
    // Portal screens may keep their messages in a web-<part>.ftl of their own (the shell loads them all).
    const privacy = ftlSources('web-privacy.ftl');
    const dash = ftlSources('web-dashboard.ftl');
    const messages = new Messages({
      kk: [web.kk as string, portal.kk as string, privacy.kk as string, dash.kk as string],
      ru: [web.ru as string, portal.ru as string, privacy.ru as string, dash.ru as string],
      en: [web.en as string, portal.en as string, privacy.en as string, dash.en as string],
    });
    const missing: string[] = [];
    for (const id of usedIds()) for (const lang of LANGS) if (!messages.has(lang, id)) missing.push(`${lang}:${id}`);
    expect(missing).toEqual([]);
  });

  it('are real Kazakh, not copies of the Russian', () => {
    const messages = new Messages({ kk: portal.kk as string, ru: portal.ru as string, en: portal.en as string });
    const same = ids(portal.kk as string).filter((id) => messages.format('kk', id) === messages.format('ru', id));
    // Acronyms and symbols may coincide (IIN, units); sentences must not.
    expect(same.filter((id) => messages.format('kk', id).includes(' '))).toEqual([]);
  });

  it('group the ftl files by language', () => {
    const s = sourcesFrom({ '../../../i18n/ru/web.ftl': 'a = 1', '../../../i18n/kk/portal.ftl': 'b = 2', '../../../i18n/kk/web.ftl': 'c = 3' });
    expect(s).toEqual({ kk: ['b = 2', 'c = 3'], ru: ['a = 1'], en: [] });
  });
});

describe('language choice', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
  });

  it('is Kazakh by default and remembers a switch', async () => {
    const mod = await import('../src/app/i18n-app.js?fresh=1' as string);
    expect(mod.lang.value).toBe('kk');
    expect(mod.t('portal-sign-in')).toBe('Жүйеге кіру');
    mod.setLang('ru');
    expect(mod.t('portal-sign-in')).toBe('Вход в систему');
    expect(globalThis.localStorage.getItem('fito.lang')).toBe('ru');
    mod.setLang('en');
    expect(mod.t('portal-sign-out')).toBe('Sign out');
  });
});
