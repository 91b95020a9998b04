/**
 * The extension speaks the browser's language where it knows it (English,
 * French, German; English otherwise): t('key', { name: value }).
 * The French and German texts (here, in otp-errors.ts and backup-texts.ts) are made the first
 * time they are read (core/deferred.ts): until then the engine only pre-parses them, so the
 * background's worker, at each start, and the popup compile only the language they speak.
 */
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';
import { fr } from './fr';

export const CATALOGUES: Record<'en' | 'fr' | 'de', Catalogue> = { en, fr, de };
export type Language = keyof typeof CATALOGUES;

/** The first of the browser's preferred languages that Sidekey speaks. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'fr' || base === 'de') return base;
  }
  return 'en';
}

const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];

let language: Language | undefined;

export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return fillIn(CATALOGUES[currentLanguage()][key], values);
}

/** A text with its {placeholders} replaced by `values` (one left as it is when not given). */
export const fillIn = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** The language in use (for `lang` attributes). */
export function currentLanguage(): Language {
  language ??= pickLanguage(browserLanguages());
  return language;
}
