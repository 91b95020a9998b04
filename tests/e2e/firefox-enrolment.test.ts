/**
 * The enrolment in Firefox ESR with the built extension: the QR read from the
 * tab, the PIN in the popup, the vault in Firefox's IndexedDB, the page told.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { withFirefox } from '../fixtures/suites';
import { sendFromExtensionPage, type StatusReply } from '../fixtures/extension-api';
import type { FirefoxWithExtension } from '../fixtures/firefox';
import { firefoxPasswordSteps, openFirefoxPopup, submitForm, textOf } from '../fixtures/firefox-flows';
import type { RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Northern lights 4';

describe('Firefox: initialise the extension as a second device', () => {
  let server: RunningServer;
  let browser: FirefoxWithExtension;
  let page: Page;

  withFirefox((s) => {
    ({ server, browser, page } = s);
  });

  const text = (selector: string) => textOf(page, selector);

  it('enrols through the popup and the server page says so', async () => {
    const user = await seedUser(server.store, PASSWORD, 'jonas@example.eu');
    await page.goto(`${server.url}/cas/login`);
    await firefoxPasswordSteps(page, user.email, PASSWORD);
    await page.goto(`${server.url}/cas/mobile`);
    await page.type('#f-deviceName', 'Sidekey in Firefox');
    await page.type('#f-pin', '9753');
    await page.type('#f-pinConfirm', '9753');
    await submitForm(page, '/cas/mobile');
    await expect.poll(() => text('h1')).toBe('Initialise your device');

    const popup = await browser.openPopup();
    let tabId = -1;
    await expect
      .poll(async () => {
        const reply = (await popup.evaluate(sendFromExtensionPage, {
          sidekey: 1,
          type: 'getStatus',
          body: {},
        })) as StatusReply;
        tabId = reply.value.lastServerPage?.tabId ?? -1;
        return reply.value.lastServerPage?.origin;
      })
      .toBe(server.url);
    await popup.close();

    const tabPopup = await openFirefoxPopup(browser, `?tab=${tabId}`);
    await tabPopup.locator('button ::-p-text(Initialise with this page)').click();
    await tabPopup.waitForSelector('#pin');
    await tabPopup.type('#pin', '9753');
    await tabPopup.locator('button ::-p-text(Authenticate)').click();
    await expect
      .poll(() => tabPopup.$eval('[role=status]', (s) => s.textContent).catch(() => null), { timeout: 15_000 })
      .toBe(`Sidekey is initialised for ${user.email}.`);
    await expect
      .poll(() => text('#enrolment-status'), { timeout: 15_000 })
      .toBe('Your device is initialised. You can now use Sidekey to sign in.');
    const [device] = await server.store.devices.listFor(user.uid);
    expect(device).toMatchObject({ name: 'Sidekey in Firefox', status: 'active' });
    expect(device!.browser).toMatch(/^Firefox \d+ on Linux$/);
  });
});
