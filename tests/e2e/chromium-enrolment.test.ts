/**
 * The guide's Step 2 with the extension as the device, in Chromium: add a
 * device on the server page, the extension reads the QR from that tab, the PIN
 * is typed in the popup, and the server page says the device is initialised.
 * Also: a wrong PIN is refused, and the same QR shown on another origin is refused.
 */
import http from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSecretBox } from '../../src/server/platform/secret-box';
import { seriousViolations } from '../fixtures/axe';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { openPopup, passwordSteps, serverTabId } from '../fixtures/chromium-flows';
import { freePort, startServer, type RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Harbour lights 7';

describe('Chromium: initialise the extension as a second device', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };

  beforeAll(async () => {
    server = await startServer();
    user = await seedUser(server.store, PASSWORD, 'ines@example.eu');
    browser = await launchChromium(inject('chromeExtensionDir'));
    page = await browser.context.newPage();
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD);
    await page.getByRole('link', { name: 'Continue' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function showEnrolmentQr(pin: string) {
    await page.goto(`${server.url}/cas/account`);
    await page.getByRole('link', { name: 'Add mobile device' }).click();
    await page.getByLabel('Your device name').fill('Sidekey in Chromium');
    await page.getByLabel('Your 4 digit PIN code').fill(pin);
    await page.getByLabel('Confirm your PIN code').fill(pin);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Initialise your device');
  }

  it('refuses the same QR shown on another origin, and stores and sends nothing', async () => {
    await showEnrolmentQr('2468');
    const html = await page.content();
    // A perfect copy of the page, served from another origin (a phishing site).
    const port = await freePort();
    const phish = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => phish.listen(port, '127.0.0.1', resolve));
    try {
      const phishPage = await browser.context.newPage();
      await phishPage.goto(`http://localhost:${port}/cas/mobile`);
      const popup = await openPopup(browser, await serverTabId(browser, `http://localhost:${port}`));
      await popup.getByRole('button', { name: 'Initialise with this page' }).click();
      await expect
        .poll(() => popup.getByRole('alert').textContent())
        .toContain(`Refused: this code names ${server.url}, but the page is http://localhost:${port}.`);
      expect(await popup.getByLabel('Enter the PIN code you have just chosen').count()).toBe(0);
      await popup.close();
      await phishPage.close();
    } finally {
      phish.close();
    }
    expect(await server.store.sql.get('SELECT COUNT(*) AS n FROM devices')).toMatchObject({ n: 0 });
  });

  it('reads the QR from the tab, refuses a wrong PIN with the attempts left, and enrols with the right one', async () => {
    await showEnrolmentQr('2468');
    const popup = await openPopup(browser, await serverTabId(browser, server.url));
    await popup.getByRole('button', { name: 'Initialise with this page' }).click();
    const pinField = popup.getByLabel('Enter the PIN code you have just chosen');
    await expect.poll(() => pinField.count()).toBe(1);
    expect(await pinField.getAttribute('type')).toBe('password');
    expect(await seriousViolations(popup)).toEqual([]); // the PIN screen, for keyboards and screen readers

    await pinField.fill('1357');
    await pinField.press('Enter');
    await expect
      .poll(() => popup.getByRole('alert').textContent())
      .toContain('The PIN code is not the one chosen on the page. 2 attempts left.');

    await pinField.fill('2468');
    await popup.getByRole('button', { name: 'Authenticate' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe(`Sidekey is initialised for ${user.email}.`);
    await expect.poll(() => popup.getByTestId('account').textContent()).toContain(user.email);
    // Host access is asked for the enrolled server's origin only, and only when missing: the development
    // build already has localhost (docs/permissions.md), so nothing is asked here.
    expect(await popup.getByRole('button', { name: /^Allow on / }).count()).toBe(0);

    // The server page learns it by itself, without a reload.
    await expect
      .poll(() => page.locator('#enrolment-status').textContent(), { timeout: 15_000 })
      .toBe('Your device is initialised. You can now use Sidekey to sign in.');
    await page.getByRole('link', { name: 'Go to My Account' }).click();
    await expect.poll(() => page.getByTestId('devices').textContent()).toContain('Sidekey in Chromium');
    await expect.poll(() => page.getByTestId('devices').textContent()).toContain('Chrome');

    // The vault holds a non-extractable key and only the PIN-wrapped secret.
    const [device] = await server.store.devices.listFor(user.uid);
    const ocraKey = Buffer.from(createSecretBox(Buffer.alloc(32, 7)).open(device!.ocraKeyEnc, device!.id)).toString(
      'base64url',
    );
    const vault = await popup.evaluate(
      () =>
        new Promise<{ json: string; extractable: boolean; type: string }>((resolve, reject) => {
          const open = indexedDB.open('sidekey-vault');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('accounts').objectStore('accounts').getAll();
            get.onsuccess = () => {
              const [record] = get.result;
              resolve({
                json: JSON.stringify(record),
                extractable: record.signingKey.extractable,
                type: record.signingKey.type,
              });
            };
          };
        }),
    );
    expect(vault.type).toBe('private');
    expect(vault.extractable).toBe(false);
    expect(vault.json).not.toContain(ocraKey);
    expect(vault.json).not.toContain('2468');
    await popup.close();
  });

  it('removes the account from the popup after confirmation, and from the server', async () => {
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: `Remove ${user.email}` }).click();
    await popup.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect
      .poll(() => popup.getByRole('status').textContent())
      .toBe(`${user.email} was removed from Sidekey and from its server.`);
    expect(await server.store.devices.listFor(user.uid)).toEqual([]);
    await popup.close();
  });
});
