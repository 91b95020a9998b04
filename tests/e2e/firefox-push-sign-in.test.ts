/**
 * "EU Login Mobile App PIN Code" in Firefox ESR with the built extension: the
 * request reaches the extension by itself, the popup shows it, the user
 * picks the page's number and types the PIN, the page proceeds by itself; a
 * denial ends the sign-in.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { withFirefox } from '../fixtures/suites';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import type { FirefoxWithExtension } from '../fixtures/firefox';
import { firefoxPasswordSteps, openFirefoxPopup, textOf } from '../fixtures/firefox-flows';
import type { RunningServer } from '../fixtures/server';

const PASSWORD = 'Glacier walk 88';
const PIN = '7205';

describe('Firefox: sign in with the PIN Code method (push)', () => {
  let server: RunningServer;
  let browser: FirefoxWithExtension;
  let page: Page;
  let user: { uid: string; email: string };

  withFirefox(
    (s) => {
      ({ server, browser, page, user } = s);
    },
    { email: 'jonas@example.eu', password: PASSWORD, pin: PIN },
  );

  async function toWaitingPage() {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await Promise.all([page.waitForNavigation(), page.click('a.button')]);
    await firefoxPasswordSteps(page, user.email, PASSWORD, 'mobile-pin');
    await expect.poll(() => textOf(page, 'h1')).toBe('Check your device');
    return Number(await textOf(page, '[data-sidekey-push-number]'));
  }

  async function approvalScreen() {
    const popup = await openFirefoxPopup(browser);
    await popup.waitForSelector('[data-testid=push-approval]');
    return popup;
  }

  it('signs in to EUSurvey through OpenID Connect at MEDIUM with the PIN method: acr MEDIUM', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/eusurvey/`);
    await Promise.all([page.waitForNavigation(), page.click('a.button')]);
    await firefoxPasswordSteps(page, user.email, PASSWORD, 'mobile-pin');
    await expect.poll(() => textOf(page, 'h1')).toBe('Check your device');
    const number = Number(await textOf(page, '[data-sidekey-push-number]'));
    const popup = await approvalScreen();
    await expect
      .poll(() => textOf(popup, '[data-testid=push-approval]'))
      .toContain(`EUSurvey (OpenID Connect demo) asks to sign you in as ${user.email}`);
    await popup.click(`input[name=number][value="${number}"]`);
    await popup.type('#pin', PIN);
    await popup.locator('button ::-p-text(Approve)').click();
    await expect.poll(() => textOf(page, '[data-testid=acr]'), { timeout: 15_000 }).toBe('MEDIUM');
    await popup.close();
  });

  it('gets the request by itself, and the page proceeds once approved with the number and the PIN: PASSWORD_MOBILE_APP', async () => {
    const number = await toWaitingPage();
    // The request reaches the background before any popup asks (channel or the waiting page seen).
    // Headless Firefox shows no notifications (notifications.getAll() stays empty there), so this
    // checks what the background holds instead.
    const probe = await openFirefoxPopup(browser, '?check=no');
    await expect
      .poll(
        async () => {
          const reply = (await probe.evaluate(sendFromExtensionPage, {
            sidekey: 1,
            type: 'getPushRequests',
            body: { check: false },
          })) as { value: { requests: { choices: number[] }[] } };
          return reply.value.requests.map((r) => r.choices.includes(number));
        },
        { timeout: 15_000 },
      )
      .toEqual([true]);
    await probe.close();
    const popup = await approvalScreen();
    expect(await textOf(popup, '[data-testid=push-approval]')).toContain(
      `Europass (demo) asks to sign you in as ${user.email}`,
    );
    expect(await textOf(popup, '[data-testid=push-approval]')).toMatch(/Firefox \d+ on Linux/);
    await popup.click(`input[name=number][value="${number}"]`);
    await popup.type('#pin', PIN);
    await popup.locator('button ::-p-text(Approve)').click();
    // Nothing to tell: the page goes straight on to Europass.
    await expect.poll(() => textOf(page, '[data-testid=strength]'), { timeout: 15_000 }).toBe('PASSWORD_MOBILE_APP');
    // No platform authenticator here: the biometric option degrades to a visible note, the PIN stays.
    await expect
      .poll(() => textOf(popup, '[data-testid=biometric-unavailable]'), { timeout: 15_000 })
      .toContain('Fingerprint unlock is not available here');
    await popup.close();
  });

  it('ends the sign-in at once when denied', async () => {
    await toWaitingPage();
    const popup = await approvalScreen();
    await popup.locator('button ::-p-text(Deny)').click();
    await expect
      .poll(() => textOf(page, 'main'), { timeout: 15_000 })
      .toContain('The sign-in was denied on your device.');
    await popup.close();
  });
});
