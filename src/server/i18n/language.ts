/**
 * Which language a page is in: the signed-in user's e-mail language (kept in
 * the `sk_lang` cookie from sign-in), else the browser's Accept-Language
 * (RFC 9110 §12.5.4), among English, French and German; English otherwise.
 * The language of the request in hand is kept in AsyncLocalStorage, so views
 * translate without every function passing it along; web/plugins/language.ts
 * chooses it per request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const PAGE_LANGUAGES = ['en', 'fr', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const current = new AsyncLocalStorage<PageLanguage>();

export function pageLanguage(): PageLanguage {
  return current.getStore() ?? 'en';
}

/** Runs `work` in `language`: each request in its page language (web/plugins/language.ts), and tests. */
export function inLanguage<T>(language: PageLanguage, work: () => T): T {
  return current.run(language, work);
}

export function asPageLanguage(value: string | undefined): PageLanguage | undefined {
  const base = value?.toLowerCase().split('-')[0];
  return PAGE_LANGUAGES.find((l) => l === base);
}

/** The best of Accept-Language's ranges that we speak, by quality then order. */
export function fromAcceptLanguage(header: string | undefined): PageLanguage | undefined {
  if (!header) return undefined;
  const ranges = header
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const language = asPageLanguage(range.tag);
    if (language) return language;
  }
  return undefined;
}
