/** The popup speaks the browser's language: French and German, English otherwise. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../fixtures/axe';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { openPopup } from '../fixtures/chromium-flows';

describe('Chromium: the popup in the browser’s language', () => {
  let browser: ChromiumWithExtension | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it.each([
    ['fr-FR', 'fr', 'Votre navigateur comme second appareil', 'Initialiser avec cette page'],
    ['de-DE', 'de', 'Ihr Browser als zweites Gerät', 'Mit dieser Seite initialisieren'],
    ['it-IT', 'en', 'Your browser as your second device', 'Initialise with this page'],
  ])('%s: says so in %s', async (locale, lang, tagline, button) => {
    browser = await launchChromium(inject('chromeExtensionDir'), { locale });
    const popup = await openPopup(browser, undefined, false);
    await expect.poll(() => popup.locator('.tagline').textContent()).toBe(tagline);
    expect(await popup.getByRole('button', { name: button }).count()).toBe(1);
    expect(await popup.locator('html').getAttribute('lang')).toBe(lang);
    expect(await seriousViolations(popup)).toEqual([]);
  });
});
