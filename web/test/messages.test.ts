// Every user-visible string of the web app comes from i18n/{kk,ru,en}/web.ftl; Kazakh first.
import { describe, expect, it } from 'vitest';
import { FluentResource } from '@fluent/bundle';
import { DEFAULT_LANG, LANGS, Messages, pickLang } from '../src/i18n.js';
import { CONNECTION_CLOSED, NcaLayerError, RESPONSE_TIMEOUT, type NcaLayerErrorKind } from '../src/esign/ncalayer.js';
import { describeFailure, ncaLayerMessage } from '../src/esign/messages.js';
import { ApiError } from '../src/esign/signin.js';
import { ftlText, webMessages } from './ftl.js';

/** Message ids of a .ftl text, each with the sorted names of the variables it uses. */
function inventory(text: string): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^([a-z][a-z0-9-]*)\s*=/.exec(line);
    if (m?.[1]) {
      current = m[1];
      ids.set(current, []);
    }
    if (current && (m || /^\s/.test(line))) {
      for (const v of line.matchAll(/\{\s*\$([a-z-]+)\s*\}/g)) {
        if (v[1]) ids.get(current)?.push(v[1]);
      }
    }
    if (!m && !/^\s/.test(line)) current = undefined;
  }
  for (const vars of ids.values()) vars.sort();
  return ids;
}

const messages = webMessages();
const kinds: NcaLayerErrorKind[] = ['not-running', 'cancelled', 'failed', 'bad-response'];
const usedByCode = [
  ...kinds.map((k) => ncaLayerMessage(new NcaLayerError(k)).id),
  ncaLayerMessage(new NcaLayerError('failed', { code: CONNECTION_CLOSED })).id,
  ncaLayerMessage(new NcaLayerError('failed', { code: RESPONSE_TIMEOUT })).id,
  ncaLayerMessage(new NcaLayerError('failed', { code: 'MODULE_NOT_FOUND' })).id,
  'api-unreachable',
  'api-bad-response',
  'web-unexpected-error',
];

describe('web.ftl', () => {
  it('parses in all three languages without errors', () => {
    for (const lang of LANGS) {
      expect(new FluentResource(ftlText(lang, 'web.ftl')).body.length).toBeGreaterThan(0);
    }
    expect(() => webMessages()).not.toThrow();
  });

  it('has the same messages, with the same variables, in kk, ru and en', () => {
    const kk = inventory(ftlText('kk', 'web.ftl'));
    expect(kk.size).toBeGreaterThan(10);
    for (const lang of ['ru', 'en'] as const) {
      expect(Object.fromEntries(inventory(ftlText(lang, 'web.ftl')))).toEqual(Object.fromEntries(kk));
    }
  });

  it('has every message the code uses, in every language', () => {
    expect(new Set(usedByCode)).toEqual(
      new Set([
        'ncalayer-not-running',
        'ncalayer-cancelled',
        'ncalayer-failed',
        'ncalayer-bad-response',
        'ncalayer-closed',
        'ncalayer-timeout',
        'ncalayer-outdated',
        'api-unreachable',
        'api-bad-response',
        'web-unexpected-error',
      ]),
    );
    for (const lang of LANGS) {
      for (const id of usedByCode) {
        expect(messages.has(lang, id), `${lang}: ${id}`).toBe(true);
      }
    }
  });

  it('uses ids no other file of i18n/ defines (the server loads those)', () => {
    const web = inventory(ftlText('kk', 'web.ftl'));
    for (const file of ['errors.ftl', 'common.ftl', 'register.ftl', 'fieldwork.ftl', 'esign.ftl', 'acts.ftl']) {
      for (const id of inventory(ftlText('kk', file)).keys()) {
        expect(web.has(id), `${id} is also in ${file}`).toBe(false);
      }
    }
  });

  it('tells the user where to get NCALayer when it is not running', () => {
    for (const lang of LANGS) {
      const text = messages.format(lang, 'ncalayer-not-running');
      expect(text).toContain('NCALayer');
      expect(text).toContain('ncl.pki.gov.kz');
    }
    expect(messages.format('kk', 'ncalayer-not-running')).toMatch(/іске қосылмаған/);
    expect(messages.format('ru', 'ncalayer-not-running')).toMatch(/не запущен/);
  });

  it('puts NCALayer’s own message into ncalayer-failed', () => {
    const e = new NcaLayerError('failed', { code: 'SIGNING_FAILURE', detail: 'Құпиясөз қате' });
    for (const lang of LANGS) {
      expect(describeFailure(e, lang, messages)).toContain('Құпиясөз қате');
    }
    expect(describeFailure(new NcaLayerError('failed', { code: 'X' }), 'en', messages)).toBe('NCALayer could not sign: X');
  });
});

describe('language', () => {
  it('is Kazakh by default', () => {
    expect(DEFAULT_LANG).toBe('kk');
    expect(pickLang(undefined)).toBe('kk');
    expect(pickLang([])).toBe('kk');
    expect(pickLang(['de-DE', 'fr'])).toBe('kk');
    expect(pickLang(['ru-RU', 'kk'])).toBe('ru');
    expect(pickLang(['en-GB'])).toBe('en');
    expect(pickLang(['kk-KZ'])).toBe('kk');
  });

  it('falls back to Kazakh for a message missing in another language, and to the id last', () => {
    const m = new Messages({ kk: 'only-kk = Тек қазақша\n', ru: '', en: '' });
    expect(m.format('ru', 'only-kk')).toBe('Тек қазақша');
    expect(m.format('en', 'nowhere')).toBe('nowhere');
  });

  it('refuses a broken file or a message defined twice', () => {
    expect(() => new Messages({ kk: 'a = 1\na = 2\n', ru: '', en: '' })).toThrow(/i18n\/kk/);
    expect(() => new Messages({ kk: 'a = {\n', ru: '', en: '' })).toThrow(/i18n\/kk/);
  });

  it('shows a server problem by its translated title, and other failures from web.ftl', () => {
    const problem = new ApiError('problem', {
      status: 422,
      problem: { code: 'sign-certificate-revoked', title: 'Сертификат кері қайтарылған.', status: 422 },
    });
    expect(describeFailure(problem, 'kk', messages)).toBe('Сертификат кері қайтарылған.');
    expect(describeFailure(new ApiError('unreachable'), 'kk', messages)).toBe(messages.format('kk', 'api-unreachable'));
    expect(describeFailure(new Error('boom'), 'ru', messages)).toBe(messages.format('ru', 'web-unexpected-error'));
  });
});
