/** The extension's three catalogues: the same keys, the same placeholders, no empty text; the language choice. */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, pickLanguage } from '../../../src/extension/i18n/t';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_TEXTS, type BackupTextKey } from '../../../src/extension/i18n/backup-texts';
import { BACKUP_ERROR_CODES } from '../../../src/core/otp/backup-status';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('extension catalogues', () => {
  const en = CATALOGUES.en;
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language} has every English key, with the same placeholders, and no empty or untranslated-looking text`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
    });
  }

  it('translates, not copies: most French and German texts differ from the English', () => {
    for (const language of ['fr', 'de'] as const) {
      const same = Object.entries(CATALOGUES[language]).filter(([key, text]) => en[key as keyof typeof en] === text);
      // Names and formats (Version {version}, {email} · …) may stay as they are.
      expect(same.length, same.map(([k]) => k).join(', ')).toBeLessThan(6);
    }
  });

  it('has the manifest’s name and description in the same languages', () => {
    const dir = path.resolve(import.meta.dirname, '../../../public/_locales');
    const keys = (language: string) =>
      Object.keys(JSON.parse(fs.readFileSync(path.join(dir, language, 'messages.json'), 'utf8'))).sort();
    expect(fs.readdirSync(dir).sort()).toEqual(['de', 'en', 'fr']);
    for (const language of ['fr', 'de']) expect(keys(language)).toEqual(keys('en'));
  });

  it.each([
    [['fr-FR', 'en'], 'fr'],
    [['de'], 'de'],
    [['de-AT', 'fr'], 'de'],
    [['it-IT', 'fr-BE'], 'fr'],
    [['pt-PT'], 'en'],
    [[], 'en'],
  ])('picks %j → %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });
});

describe('the automatic backup’s texts (backup-texts.ts)', () => {
  it('has every text in every language, with the same placeholders, translated, and a text for every failure', () => {
    for (const language of ['fr', 'de'] as const)
      for (const [key, text] of Object.entries(BACKUP_TEXTS.en)) {
        const other = BACKUP_TEXTS[language][key as BackupTextKey];
        expect(other, `${language} ${key}`).toBeTruthy();
        expect(placeholders(other), `${language} ${key}`).toEqual(placeholders(text));
        if (!['whereDav'].includes(key)) expect(other, `${language} ${key} is still English`).not.toBe(text);
      }
    for (const code of BACKUP_ERROR_CODES) expect(BACKUP_TEXTS.en[code]).toBeTruthy();
  });
});
