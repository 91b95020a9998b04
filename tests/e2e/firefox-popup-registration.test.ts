/**
 * Registering authenticators from the popup in Firefox, as a newcomer does it after `npm start`:
 * Firefox reports the extension's pages to WebAuthn as `moz-extension://` + the SHA-256 of the
 * add-on id in the letters a–p (not the per-profile UUID of their URLs), which a server in
 * development mode accepts with no setting; a server that does not names that origin in the popup.
 * Firefox's own virtual authenticators (Marionette). Firefox on Linux offers no platform
 * authenticator (a create() asking for one is refused before any authenticator is asked), so the
 * trusted-platform button is Chromium's test.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, inject, it, afterAll, beforeAll } from 'vitest';
import { FIREFOX_WEBAUTHN_ORIGIN } from '../../src/core/development-extension';
import { launchFirefox, type FirefoxWithExtension } from '../fixtures/firefox';
import { firefoxEnrol, openFirefoxPopup, textOf } from '../fixtures/firefox-flows';
import { startServer, type RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Harbour light 27';

describe('Firefox: a security key registered from the popup, with no extra setting', () => {
  let browser: FirefoxWithExtension;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    browser = await launchFirefox(inject('firefoxExtensionDir'), { authenticator: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
  });

  /** A server in `mode` with a user whose extension is initialised in this browser; the popup open. */
  async function popupFor(mode: 'development' | 'test', email: string) {
    const server = await startServer({ SIDEKEY_MODE: mode });
    servers.push(server);
    const user = await seedUser(server.store, PASSWORD, email);
    const page = await browser.browser.newPage();
    await firefoxEnrol(browser, page, server, { email: user.email, password: PASSWORD }, '5173');
    const popup = await openFirefoxPopup(browser);
    return { popup, page, server, user };
  }

  /** The selector of the account's entry in the popup's list. */
  async function entryOf(popup: Page, email: string) {
    let index = -1;
    await expect
      .poll(async () => {
        index = await popup.$$eval(
          'li[data-testid=account]',
          (items, e) => items.findIndex((li) => li.querySelector('strong')?.textContent === e),
          email,
        );
        return index;
      })
      .toBeGreaterThanOrEqual(0);
    return `li[data-testid=account]:nth-of-type(${index + 1})`;
  }

  /** Opens the account's registration form behind `button`, names the authenticator and presses Register. */
  async function register(popup: Page, email: string, button: string, name: string) {
    const account = await entryOf(popup, email);
    await popup.locator(`${account} .actions button ::-p-text(${button})`).click();
    const field = await popup.waitForSelector(`${account} form input`);
    // The name field is a text field's width: the whole name shows (it was 6em, the PIN's).
    await field!.evaluate((input) => {
      (input as HTMLInputElement).value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await field!.type(name);
    expect(await field!.evaluate((input) => input.scrollWidth <= input.clientWidth)).toBe(true);
    await popup.locator(`${account} button[type=submit]`).click();
  }

  it('registers a security key against a server in development mode, WEBAUTHN_EXTRA_ORIGINS unset', async () => {
    const { popup, page, server, user } = await popupFor('development', 'ines@example.eu');
    await register(popup, user.email, 'Add a security key', 'Popup security key');
    await expect
      .poll(async () => textOf(popup, `${await entryOf(popup, user.email)} [role=status]`), { timeout: 15_000 })
      .toBe(`“Popup security key” is registered for ${user.email}.`);
    await page.goto(`${server.url}/cas/account`);
    await expect.poll(() => textOf(page, '[data-testid=security-keys]')).toContain('Popup security key');
    await popup.close();
    await page.close();
  });

  it('names the origin to add where the server does not accept it', async () => {
    const { popup, page, user } = await popupFor('test', 'otto@example.eu');
    await register(popup, user.email, 'Add a security key', 'Popup security key');
    await expect
      .poll(async () => textOf(popup, `${await entryOf(popup, user.email)} [role=alert]`), { timeout: 15_000 })
      .toBe(
        `This server does not accept registrations from ${FIREFOX_WEBAUTHN_ORIGIN}. Its operator must add that origin to the WEBAUTHN_EXTRA_ORIGINS setting.`,
      );
    await popup.close();
    await page.close();
  });
});
