/** Reads the Fluent files of ../i18n with fs, as the app will import them with Vite `?raw`. */
import { readFileSync } from 'node:fs';
import { LANGS, Messages, type FtlSources, type Lang } from '../src/i18n.js';

export function ftlText(lang: Lang, file: string): string {
  return readFileSync(new URL(`../../i18n/${lang}/${file}`, import.meta.url), 'utf8');
}

export function ftlSources(file: string): FtlSources {
  return Object.fromEntries(LANGS.map((lang) => [lang, ftlText(lang, file)])) as FtlSources;
}

export function webMessages(): Messages {
  return new Messages(ftlSources('web.ftl'));
}
