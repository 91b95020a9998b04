/**
 * The QR sign-in in Firefox ESR with the built extension: enrol, then sign in to
 * Europass with the QR method — the content script notices the code, the PIN
 * goes into the popup, the code into the page.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { withFirefox } from '../fixtures/suites';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import type { FirefoxWithExtension } from '../fixtures/firefox';
import { firefoxEnrol, firefoxPasswordSteps, openFirefoxPopup, textOf } from '../fixtures/firefox-flows';
import type { RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Fjord crossing 5';
const PIN = '3141';

describe('Firefox: sign in with the QR code method', () => {
  let server: RunningServer;
  let browser: FirefoxWithExtension;
  let page: Page;

  withFirefox((s) => {
    ({ server, browser, page } = s);
  });

  it('enrols, then signs in to Europass at PASSWORD_SOFTWARE_TOKEN with only the password and the PIN', async () => {
    const user = await seedUser(server.store, PASSWORD, 'lena@example.eu');
    await firefoxEnrol(browser, page, server, { email: user.email, password: PASSWORD }, PIN);

    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await Promise.all([page.waitForNavigation(), page.click('a.button')]);
    await firefoxPasswordSteps(page, user.email, PASSWORD, 'mobile-qr');
    await expect.poll(() => textOf(page, 'h1')).toBe('QR code authentication');

    let popup = await openFirefoxPopup(browser);
    await expect
      .poll(async () => {
        const reply = (await popup.evaluate(sendFromExtensionPage, {
          sidekey: 1,
          type: 'getPendingLogin',
          body: {},
        })) as { value: { pending: unknown } };
        return reply.value.pending !== null;
      })
      .toBe(true);
    await popup.close();
    popup = await openFirefoxPopup(browser);
    await popup.waitForSelector('#pin');
    await popup.click('input[type=checkbox]');
    await popup.type('#pin', PIN);
    await popup.locator('button ::-p-text(Authenticate)').click();
    await expect.poll(() => textOf(popup, '[data-testid=code]'), { timeout: 15_000 }).toMatch(/^\d{8}$/);
    // Nothing to tell: the page goes straight on to Europass.
    await expect
      .poll(() => textOf(page, '[data-testid=strength]'), { timeout: 15_000 })
      .toBe('PASSWORD_SOFTWARE_TOKEN');
    await popup.close();
  });

  it('signs in to EUSurvey through OpenID Connect with the QR method: acr MEDIUM', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/eusurvey/`);
    await Promise.all([page.waitForNavigation(), page.click('a.button')]);
    await firefoxPasswordSteps(page, 'lena@example.eu', PASSWORD, 'mobile-qr');
    await expect.poll(() => textOf(page, 'h1')).toBe('QR code authentication');
    const popup = await openFirefoxPopup(browser);
    await popup.waitForSelector('#pin');
    await popup.type('#pin', PIN);
    await popup.locator('button ::-p-text(Authenticate)').click();
    await expect.poll(() => textOf(page, '[data-testid=acr]'), { timeout: 15_000 }).toBe('MEDIUM');
    await popup.close();
  });
});
