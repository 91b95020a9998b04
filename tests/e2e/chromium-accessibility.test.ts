/**
 * axe-core on the server's pages and the extension's popup screens: no
 * serious or critical violation (WCAG 2.1 A and AA rules).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../fixtures/axe';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { openPopup } from '../fixtures/chromium-flows';
import { startServer, type RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Accessible pages 8';

describe('Chromium: accessibility of the pages and the popup', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ CAPTCHA_TEST_MODE: '1' });
    browser = await launchChromium(inject('chromeExtensionDir'));
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('does report a serious violation when there is one (the check can fail)', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() =>
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input id="unlabelled">'),
    );
    expect(await seriousViolations(page)).toEqual(expect.arrayContaining(['label: #unlabelled']));
  });

  it.each([
    ['/'],
    ['/cas/login'],
    ['/cas/register'],
    ['/cas/privacy'],
    ['/cas/help'],
    ['/cas/password/request'],
    ['/europass/'],
  ])('finds nothing serious on %s', async (path) => {
    await page.goto(`${server.url}${path}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds nothing serious on the forms with their errors shown', async () => {
    await page.goto(`${server.url}/cas/register`);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await expect.poll(() => page.locator('.error').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds nothing serious on the signed-in pages', async () => {
    const user = await seedUser(server.store, PASSWORD, 'axe@example.eu');
    await page.goto(`${server.url}/cas/login`);
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(user.email);
    await page.getByRole('button', { name: 'Next >' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of ['/cas/account', '/cas/mobile']) {
      await page.goto(`${server.url}${path}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByLabel('Your device name').fill('A');
    await page.getByLabel('Your 4 digit PIN code').fill('1234');
    await page.getByLabel('Confirm your PIN code').fill('1234');
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds nothing serious on the push and security key pages', async () => {
    const user = await seedUser(server.store, PASSWORD, 'axe-push@example.eu');
    for (const name of ['Laptop', 'Desktop']) {
      const { publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      await server.store.devices.create({
        id: crypto.randomUUID().replace(/-/g, '').slice(0, 22),
        uid: user.uid,
        name,
        status: 'active',
        publicKeyJwk: JSON.stringify(await crypto.subtle.exportKey('jwk', publicKey)),
        ocraKeyEnc: 'unused here',
        ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH64',
        browser: 'Chrome 156 on Linux',
        createdAt: Date.now(),
      });
    }
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/cas/login`);
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(user.email);
    await page.getByRole('button', { name: 'Next >' }).click();
    await page.getByRole('radio', { name: /^EU Login Mobile App PIN Code/ }).check();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Choose your device');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send notification' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your device');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/cas/login`);
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(user.email);
    await page.getByRole('button', { name: 'Next >' }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    for (const path of ['/cas/mobile', '/cas/security-keys/new']) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => page.locator('h1').textContent()).not.toBe('');
      expect(await seriousViolations(page)).toEqual([]);
    }
  });

  it('finds nothing serious on the pages that end or confirm something', async () => {
    const user = await seedUser(server.store, PASSWORD, 'axe-ends@example.eu');
    await page.goto(`${server.url}/cas/logout`);
    // "Signed out".
    expect(await seriousViolations(page)).toEqual([]);
    // "Sign-in stopped": a QR sign-in step with no sign-in behind it.
    await page.goto(`${server.url}/cas/login`);
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(user.email);
    await page.getByRole('button', { name: 'Next >' }).click();
    await page.getByRole('radio', { name: /^Security Key or Trusted Platform/ }).check();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign-in stopped');
    expect(await seriousViolations(page)).toEqual([]);
    // The WebAuthn ceremony page, while the browser's dialog is up.
    await page.goto(`${server.url}/cas/login`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect.poll(() => page.locator('#webauthn-status').getAttribute('data-state')).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    // "Thank you for registering".
    await page.goto(`${server.url}/cas/register`);
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Axe');
    await page.getByLabel('E-mail', { exact: true }).fill('ada-axe@example.eu');
    await page.getByLabel('Confirm e-mail').fill('ada-axe@example.eu');
    await page
      .getByLabel('Enter the code')
      .fill((await page.locator('#captcha-image').getAttribute('data-test-answer'))!);
    await page.getByLabel(/By checking this box/).check();
    await page.getByRole('button', { name: 'Create an account' }).last().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Thank you for registering');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds nothing serious in the dark colour scheme either (contrast), on the pages and in the popup', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const path of ['/', '/cas/login', '/cas/register']) {
      await page.goto(`${server.url}${path}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const popup = await openPopup(browser, undefined, false);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => popup.locator('h1').textContent()).toBe('Sidekey');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('finds nothing serious in the popup', async () => {
    const popup = await openPopup(browser);
    await expect.poll(() => popup.locator('h1').textContent()).toBe('Sidekey');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });
});
