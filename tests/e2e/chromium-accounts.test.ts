/**
 * Step 1 of the guide end to end, in Chromium with the built extension loaded:
 * create an account through the form, receive the mail over SMTP, set the
 * password, sign in with the unique identifier, and sign in to the demo
 * relying party through CAS.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { startServer, type RunningServer } from '../fixtures/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../fixtures/smtp-sink';
import { seriousViolations } from '../fixtures/axe';

describe('Chromium: account creation, password, sign-in, CAS', () => {
  let sink: SmtpSink;
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  const cspViolations: string[] = [];
  const email = 'eva.lindqvist@example.eu';
  let uid = '';

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({ SMTP_URL: sink.url, CAPTCHA_TEST_MODE: '1' });
    browser = await launchChromium(inject('chromeExtensionDir'));
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  it('creates an account through the form, solving the picture code', async () => {
    await page.goto(`${server.url}/cas/login`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('First name').fill('Eva');
    await page.getByLabel('Last name').fill('Lindqvist');
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Confirm e-mail').fill(email);
    await page.getByLabel('E-mail language').selectOption('fr');
    await page.getByLabel('Generate a new code').click(); // a new picture, the typed fields kept
    await expect.poll(() => page.getByLabel('First name').inputValue()).toBe('Eva');
    const answer = await page.locator('#captcha-image').getAttribute('data-test-answer');
    await page.getByLabel('Enter the code').fill(answer!);
    await page.getByLabel(/By checking this box/).check();
    // Enter in a field creates the account (the new-code button comes first in the form, but is not the default).
    await page.getByLabel('Enter the code').press('Enter');
    await expect.poll(() => page.locator('main').textContent()).toContain(`An e-mail has been sent to ${email}`);
    // The extension's content script is there on the server's pages.
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.sidekeyBridge)).toBe('connected');
  });

  it('receives the mail in French over SMTP, sees weak passwords refused with the reason, and sets one', async () => {
    const mail = await sink.nextFor(email);
    expect(mail.subject).toBe('Votre compte EU Login : créez votre mot de passe');
    await page.goto(linkIn(mail, server.url));
    expect(await seriousViolations(page)).toEqual([]); // the new-password page
    uid = (await page.locator('.uid').textContent())!;
    expect(uid).toMatch(/^n00[a-z0-9]{5}$/);

    await page.getByLabel('New password', { exact: true }).fill('password');
    await page.getByLabel('Confirm new password').fill('password');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => page.locator('#f-password-error').textContent())
      .toContain('at least three of the four groups');

    await page.getByLabel('New password', { exact: true }).fill(`Eva ${uid} 9`);
    await page.getByLabel('Confirm new password').fill(`Eva ${uid} 9`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.locator('#f-password-error').textContent()).toContain('cannot include your username');

    await page.getByLabel('New password', { exact: true }).fill('Midsummer 2026!');
    await page.getByLabel('Confirm new password').fill('Midsummer 2026!');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your password has been set');
  });

  it('signs in with the unique identifier and is told no mobile device was found', async () => {
    await page.getByRole('link', { name: 'Proceed' }).click();
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(uid);
    await page.getByRole('button', { name: 'Next >' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome back');
    await page.getByLabel('Password', { exact: true }).fill('Midsummer 2026!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('No mobile device found. To register a mobile device, go to My Account');
    await page.getByRole('link', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('uid').textContent()).toBe(uid);
  });

  it('signs in to the demo relying party through CAS and sees its welcome page with the strength', async () => {
    // Eva chose French as her e-mail language: signed in, the pages speak it.
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Vous avez été déconnecté d’EU Login.');
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(email);
    await page.getByRole('button', { name: 'Next >' }).click();
    await page.getByLabel('Password', { exact: true }).fill('Midsummer 2026!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome, Eva Lindqvist');
    expect(await page.getByTestId('strength').textContent()).toBe('PASSWORD');
    expect(new URL(page.url()).pathname).toBe('/europass/callback');
  });

  it('ran every page under the Content-Security-Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
