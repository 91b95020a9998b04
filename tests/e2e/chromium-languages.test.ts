/** The popup and the server's pages speak the browser's language: French and German, English otherwise. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../fixtures/axe';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { openPopup } from '../fixtures/chromium-flows';
import { startServer, type RunningServer } from '../fixtures/server';

describe('Chromium: the popup in the browser’s language', () => {
  let browser: ChromiumWithExtension | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await browser?.close();
    await server?.close();
    browser = undefined;
    server = undefined;
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

  it.each([
    ['fr-FR', 'fr', 'Connectez-vous pour continuer', 'Créer un compte'],
    ['de-DE', 'de', 'Melden Sie sich an, um fortzufahren', 'Konto erstellen'],
  ])('%s: the sign-in page in %s, accessible', async (locale, lang, heading, link) => {
    browser = await launchChromium(inject('chromeExtensionDir'), { locale });
    server = await startServer();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/cas/login`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.getByRole('link', { name: link }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: link }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(link);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
