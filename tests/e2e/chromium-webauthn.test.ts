/**
 * "Security Key or Trusted Platform" end to end in Chromium, with a virtual
 * authenticator (DevTools WebAuthn domain: CTAP2, internal transport, resident
 * keys, user verification): register this computer as a trusted platform in My
 * Account, sign in to Europass with it after the password (PASSWORD_WEBAUTHN),
 * and sign in passwordless with the passkey.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../fixtures/axe';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { enrolExtension, openPopup, passwordSteps } from '../fixtures/chromium-flows';
import { addVirtualAuthenticator } from '../fixtures/virtual-authenticator';
import { startServer, type RunningServer } from '../fixtures/server';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Mountain hut 64';

describe('Chromium: security key or trusted platform (WebAuthn)', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };
  let authenticator: { cdp: CDPSession; id: string };

  beforeAll(async () => {
    browser = await launchChromium(inject('chromeExtensionDir'));
    // The extension brokers credentials from its own origin, which the server must accept.
    server = await startServer({ WEBAUTHN_EXTRA_ORIGINS: `chrome-extension://${browser.extensionId}` });
    user = await seedUser(server.store, PASSWORD, 'sofia@example.eu');
    page = await browser.context.newPage();
    authenticator = await addVirtualAuthenticator(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers this computer as a trusted platform from My Account', async () => {
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD);
    await page.goto(`${server.url}/cas/security-keys/new`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: /^Trusted platform/ }).check();
    await page.getByLabel('Name').fill('This laptop');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('My Account');
    const row = page.getByTestId('security-keys');
    await expect.poll(() => row.textContent()).toContain('This laptop');
    expect(await row.textContent()).toContain('Trusted platform');
    const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: authenticator.id,
    });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
  });

  it('signs in to Europass with it after the password: PASSWORD_WEBAUTHN', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'Security Key or Trusted Platform');
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_WEBAUTHN');
  });

  it('signs in passwordless with the passkey', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_WEBAUTHN');
  });

  it('works where the browser lacks WebAuthn Level 3’s JSON helpers (older Safari and Chrome), and says when a key is registered already', async () => {
    // The page script no longer relies on them: @simplewebauthn/browser encodes the options and the credential.
    await page.addInitScript(() => {
      const credential = window.PublicKeyCredential as unknown as Record<string, unknown>;
      delete credential.parseCreationOptionsFromJSON;
      delete credential.parseRequestOptionsFromJSON;
      delete (window.PublicKeyCredential.prototype as unknown as Record<string, unknown>).toJSON;
    });
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    expect(await page.evaluate(() => typeof PublicKeyCredential.parseRequestOptionsFromJSON)).toBe('undefined');
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'Security Key or Trusted Platform');
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_WEBAUTHN');

    // The same authenticator again: the browser refuses an excluded credential (InvalidStateError).
    await page.goto(`${server.url}/cas/security-keys/new`);
    await page.getByRole('radio', { name: /^Trusted platform/ }).check();
    await page.getByLabel('Name').fill('Again');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#webauthn-status').getAttribute('data-state')).toBe('failed');
    expect(await page.locator('#webauthn-status').textContent()).toBe('This authenticator is already registered.');
  });

  it('says so, and signs nobody in, when the user cancels the browser’s dialog', async () => {
    await page.goto(`${server.url}/cas/logout`);
    // No user verification: the dialog fails as a cancelled one does.
    await authenticator.cdp.send('WebAuthn.setUserVerified', {
      authenticatorId: authenticator.id,
      isUserVerified: false,
    });
    await page.goto(`${server.url}/cas/login`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect.poll(() => page.locator('#webauthn-status').getAttribute('data-state')).toBe('failed');
    expect(await page.locator('#webauthn-status').textContent()).toContain('cancelled or timed out');
    await authenticator.cdp.send('WebAuthn.setUserVerified', {
      authenticatorId: authenticator.id,
      isUserVerified: true,
    });
  });

  it('registers a trusted platform through the extension’s popup, authorised by its device key', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD);
    await enrolExtension(browser, page, server, '4826');
    const popup = await openPopup(browser, undefined, false);
    const popupAuthenticator = await addVirtualAuthenticator(popup);
    await popup.getByRole('button', { name: 'Register this computer as a trusted platform' }).click();
    await popup.getByLabel('Name').fill('Laptop (via Sidekey)');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Register', exact: true }).click();
    await expect
      .poll(() => popup.getByRole('status').last().textContent())
      .toBe(`“Laptop (via Sidekey)” is registered for ${user.email}.`);
    const { credentials } = await popupAuthenticator.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: popupAuthenticator.id,
    });
    expect(credentials[0]).toMatchObject({ rpId: 'localhost' });
    await page.goto(`${server.url}/cas/account`);
    await expect.poll(() => page.getByTestId('security-keys').textContent()).toContain('Laptop (via Sidekey)');
    expect(await page.getByTestId('security-keys').textContent()).toContain('registered by Sidekey');
    await popup.close();
  });

  it('turns biometric unlock on after a PIN the server accepted, then approves a push request and answers a QR code with it instead of the PIN', async () => {
    /** To the PIN Code waiting page; returns its number. */
    async function waitingPage() {
      await page.goto(`${server.url}/cas/logout`);
      await page.goto(`${server.url}/europass/`);
      await page.getByRole('link', { name: 'Login to Europass' }).click();
      await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App PIN Code');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your device');
      return Number(await page.locator('[data-sidekey-push-number]').textContent());
    }
    // One popup tab throughout: its virtual authenticator (with PRF) keeps the unlock credential.
    const popup = await openPopup(browser);
    await addVirtualAuthenticator(popup);
    let number = await waitingPage();
    await popup.reload();
    await expect.poll(() => popup.getByTestId('push-approval').count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Approve with fingerprint' }).count()).toBe(0);
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByLabel('Enter your PIN code').fill('4826');
    await popup.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => popup.getByTestId('biometric-offer').count()).toBe(1);
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Turn on fingerprint unlock' }).click();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Fingerprint unlock is on.');
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Welcome, /);

    number = await waitingPage();
    await popup.reload();
    await expect.poll(() => popup.getByTestId('push-approval').count()).toBe(1);
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByRole('button', { name: 'Approve with fingerprint' }).click();
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_MOBILE_APP');

    // The QR method with the fingerprint too.
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App QR Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('QR code authentication');
    await expect
      .poll(async () => {
        await popup.reload();
        return popup.locator('form[aria-label="Sign in"]').count();
      })
      .toBe(1);
    await popup.getByLabel('Submit the code for me').setChecked(true);
    await popup.getByRole('button', { name: 'Use fingerprint' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Welcome, /);

    // Turned off: the PIN again.
    await popup.reload();
    await popup.getByRole('button', { name: 'Turn off fingerprint unlock' }).click();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Fingerprint unlock is off');
    await popup.close();
  });
});
