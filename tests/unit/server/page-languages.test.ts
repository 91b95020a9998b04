/** The server's catalogues (same keys, same placeholders) and the choice of a page's language. */
import { describe, expect, it } from 'vitest';
import { PAGE_CATALOGUES, tr } from '../../../src/server/i18n/catalogue';
import { fromAcceptLanguage, inLanguage } from '../../../src/server/i18n/language';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server catalogues', () => {
  const en = PAGE_CATALOGUES.en;
  for (const [language, catalogue] of Object.entries(PAGE_CATALOGUES)) {
    it(`${language} has every English key with the same placeholders, and no empty text`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
    });
  }

  it('translates in the language of the request in hand, English outside one', () => {
    expect(tr('welcomeBack')).toBe('Welcome back');
    expect(inLanguage('fr', () => tr('welcomeBack'))).toBe('Bon retour');
    expect(inLanguage('de', () => tr('toService', { service: 'Europass' }))).toBe('bei Europass');
  });
});

describe('Accept-Language (RFC 9110 §12.5.4)', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-AT', 'de'],
    ['it-IT,de;q=0.5,fr;q=0.7', 'fr'],
    ['en-GB;q=0.2, de;q=0.8', 'de'],
    ['fr;q=0, de;q=0.1', 'de'],
    ['it, es', undefined],
    ['', undefined],
    [undefined, undefined],
    [`${'x,'.repeat(10_000)}fr`, undefined],
    ['fr;q=abc', undefined],
  ])('%s → %s', (header, expected) => {
    expect(fromAcceptLanguage(header)).toBe(expected);
  });
});
