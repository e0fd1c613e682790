/**
 * The app's language: Kazakh by default, ru and en; the choice is remembered in
 * localStorage. Messages come from i18n/{kk,ru,en}/web.ftl and portal.ftl (and any
 * other `web-*.ftl` a part of the app adds), bundled as text by Vite.
 */
import { signal } from '@preact/signals';
import { DEFAULT_LANG, LANGS, Messages, type Lang, type MessageArgs } from '../i18n.js';

const files = import.meta.glob('../../../i18n/*/{web,portal,web-*}.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The ftl texts per language, from a `{path: text}` map. */
export function sourcesFrom(map: Record<string, string>): Record<Lang, string[]> {
  const out: Record<Lang, string[]> = { kk: [], ru: [], en: [] };
  for (const [path, text] of Object.entries(map).sort(([a], [b]) => a.localeCompare(b))) {
    const lang = /\/i18n\/(kk|ru|en)\//.exec(path)?.[1] as Lang | undefined;
    if (lang) out[lang].push(text);
  }
  return out;
}

export const messages = new Messages(sourcesFrom(files));

const STORAGE_KEY = 'fito.lang';

function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {
    // Storage may be off (private mode): Kazakh then.
  }
  return DEFAULT_LANG;
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; still switched.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The message in the current language (reading `lang` makes components re-render on a switch). */
/** The locale numbers are written in for the language shown (Kazakh, Russian or English). */
export function numberLocale(): string {
  return lang.value === 'en' ? 'en-GB' : lang.value === 'ru' ? 'ru-RU' : 'kk-KZ';
}

export function t(id: string, args?: MessageArgs): string {
  return messages.format(lang.value, id, args);
}

/** Picks the `name_kk` / `name_ru` / `name_en` of a reference entry, Kazakh first as fallback. */
export function localName(entry: object | undefined, fallback = ''): string {
  if (!entry) return fallback;
  const l = lang.value;
  const names = entry as Partial<Record<string, unknown>>;
  const pick = (k: string) => {
    const v = names[k];
    return typeof v === 'string' && v ? v : undefined;
  };
  return pick(`name_${l}`) ?? pick('name_kk') ?? pick('name_ru') ?? pick('name_la') ?? fallback;
}

const ALMATY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A time on screen: Asia/Almaty, as `dd.mm.yyyy hh:mm` — the form used in Kazakhstan in
 * all three languages (browsers' Kazakh date names are incomplete).
 */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(ALMATY.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}
