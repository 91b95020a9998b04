/**
 * The server's words, in English, French and German: the page frame and the
 * whole sign-in journey (both steps, the methods, the QR, push and security key
 * steps and how they end). French and German must have every English key (the
 * type says so; a unit test checks the placeholders). `{name}` marks one.
 */
import { de } from './de';
import { en, type PageCatalogue, type PageKey } from './en';
import { fr } from './fr';
import { pageLanguage, type PageLanguage } from './language';

export type { PageKey };

export const PAGE_CATALOGUES: Record<PageLanguage, PageCatalogue> = { en, fr, de };

/** The text for `key` in the language of the request in hand, with `{name}` placeholders filled. */
export function tr(key: PageKey, values: Record<string, string | number> = {}): string {
  return PAGE_CATALOGUES[pageLanguage()][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Texts a page's script shows, as JSON for its data-texts attribute (scripts are static files). */
export function scriptTexts(keys: Record<string, PageKey>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, tr(key)])));
}
