/**
 * Registering a trusted platform from the popup as a newcomer does it after
 * `npm start`: the development build's fixed id is accepted by a server in
 * development mode with no setting; a server that does not accept the
 * extension's origin says in the popup which setting to set.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEVELOPMENT_CHROME_EXTENSION_ID } from '../../src/core/development-extension';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { enrolExtension, openPopup, passwordSteps } from '../fixtures/chromium-flows';
import { startServer, type RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';
import { addVirtualAuthenticator } from '../fixtures/virtual-authenticator';

const PASSWORD = 'Orchard gate 19';

describe('Chromium: a trusted platform registered from the popup, with no extra setting', () => {
  let browser: ChromiumWithExtension;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    browser = await launchChromium(inject('chromeExtensionDir'));
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
  });

  /** A server in `mode`, with a user whose extension is initialised in this browser; the popup ready to register. */
  async function popupFor(mode: 'development' | 'test', email: string) {
    const server = await startServer({ SIDEKEY_MODE: mode });
    servers.push(server);
    const user = await seedUser(server.store, PASSWORD, email);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD);
    await enrolExtension(browser, page, server, '5173');
    const popup = await openPopup(browser, undefined, false);
    await addVirtualAuthenticator(popup);
    const account = popup.locator('li', { hasText: email });
    await account.getByRole('button', { name: 'Register this computer as a trusted platform' }).click();
    await account.getByLabel('Name').fill('Desk computer');
    // A text field's width, not the PIN's: the whole name shows.
    expect(await account.getByLabel('Name').evaluate((i: HTMLInputElement) => i.scrollWidth <= i.clientWidth)).toBe(
      true,
    );
    await account.getByRole('button', { name: 'Register', exact: true }).click();
    return { popup, account, page, server };
  }

  it('has the fixed development id', () => {
    expect(browser.extensionId).toBe(DEVELOPMENT_CHROME_EXTENSION_ID);
  });

  it('registers against a server in development mode, WEBAUTHN_EXTRA_ORIGINS unset', async () => {
    const { popup, account, page, server } = await popupFor('development', 'mira@example.eu');
    await expect
      .poll(() => account.getByRole('status').last().textContent())
      .toBe('“Desk computer” is registered for mira@example.eu.');
    await page.goto(`${server.url}/cas/account`);
    await expect.poll(() => page.getByTestId('security-keys').textContent()).toContain('Desk computer');
    await popup.close();
    await page.close();
  });

  it('says which setting to set where the server refuses the extension’s origin', async () => {
    const { popup, account, page } = await popupFor('test', 'noah@example.eu');
    await expect
      .poll(() => account.getByRole('alert').textContent())
      .toBe(
        `This server does not accept registrations from chrome-extension://${DEVELOPMENT_CHROME_EXTENSION_ID}. Its operator must add that origin to the WEBAUTHN_EXTRA_ORIGINS setting.`,
      );
    await popup.close();
    await page.close();
  });
});
