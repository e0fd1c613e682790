/**
 * The web app's messages, from the same Fluent files as the server's: i18n/{kk,ru,en}/web.ftl.
 * Kazakh is the default language and the fallback for a message missing elsewhere.
 *
 * This module takes the .ftl TEXT, so it does not care how it was read: the app imports it
 * with Vite (`import kk from '../../i18n/kk/web.ftl?raw'`), the tests read the files with fs.
 */
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['kk', 'ru', 'en'];
export const DEFAULT_LANG: Lang = 'kk';

export type FtlSources = Record<Lang, string | readonly string[]>;
export type MessageArgs = Record<string, FluentVariable>;

/** Picks kk, ru or en from the browser's preferences (navigator.languages); Kazakh otherwise. */
export function pickLang(preferred: readonly string[] | undefined): Lang {
  for (const tag of preferred ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    const lang = LANGS.find((l) => l === primary);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

export class Messages {
  private readonly bundles: Map<Lang, FluentBundle>;

  /** Throws on a Fluent syntax error or a message defined twice: a broken file fails early. */
  constructor(sources: FtlSources) {
    this.bundles = new Map();
    for (const lang of LANGS) {
      const bundle = new FluentBundle(lang, { useIsolating: false });
      const texts = sources[lang];
      for (const text of typeof texts === 'string' ? [texts] : texts) {
        const resource = new FluentResource(text);
        // The runtime parser skips what it cannot read: count the entries to notice.
        const declared = text.match(/^-?[a-zA-Z][a-zA-Z0-9_-]*[ \t]*=/gm)?.length ?? 0;
        if (resource.body.length !== declared) {
          throw new Error(`i18n/${lang}: ${declared - resource.body.length} entries could not be parsed`);
        }
        const errors = bundle.addResource(resource);
        if (errors.length > 0) {
          throw new Error(`i18n/${lang}: ${errors.map((e) => e.message).join('; ')}`);
        }
      }
      this.bundles.set(lang, bundle);
    }
  }

  has(lang: Lang, id: string): boolean {
    return this.bundle(lang).hasMessage(id);
  }

  /** The message in `lang`, else in Kazakh, else its id (so a gap shows, but nothing breaks). */
  format(lang: Lang, id: string, args?: MessageArgs): string {
    for (const l of lang === DEFAULT_LANG ? [lang] : [lang, DEFAULT_LANG]) {
      const bundle = this.bundle(l);
      const message = bundle.getMessage(id);
      if (message?.value) {
        return bundle.formatPattern(message.value, args ?? null, []);
      }
    }
    return id;
  }

  private bundle(lang: Lang): FluentBundle {
    const bundle = this.bundles.get(lang);
    if (!bundle) throw new Error(`no bundle for ${lang}`);
    return bundle;
  }
}
