/**
 * "EU Login Mobile App PIN Code" end to end in Chromium, with the extension as
 * the app: the server page shows a number, the extension gets the request and
 * shows a notification, the popup shows the request with three numbers, the
 * user picks the page's number and types the PIN, and the page proceeds by
 * itself; Europass sees PASSWORD_MOBILE_APP, EUSurvey (OpenID Connect) acr MEDIUM. Deny ends the sign-in, a wrong
 * number or PIN is refused, and two server instances on one PostgreSQL share
 * the work behind one address.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withEnrolledChromium } from '../fixtures/suites';
import { buildApp } from '../../src/server/app';
import { seriousViolations } from '../fixtures/axe';
import type { ChromiumWithExtension } from '../fixtures/chromium';
import { enrolExtension, openPopup, passwordSteps } from '../fixtures/chromium-flows';
import { testConfig } from '../fixtures/config';
import { notificationIds, sendFromExtensionPage } from '../fixtures/extension-api';
import { freePort, type RunningServer } from '../fixtures/server';
import { startSplitProxy } from '../fixtures/split-proxy';
import { postgresBackend } from '../fixtures/stores';
import { signIn } from '../fixtures/test-app';
import { WebClient } from '../fixtures/web-client';
import { seedUser } from '../fixtures/users';

const PASSWORD = 'Harbour pilot 77';
const PIN = '3917';

describe('Chromium: sign in with the PIN Code method (push)', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };

  withEnrolledChromium({ email: 'ines@example.eu', password: PASSWORD, pin: PIN }, (s) => {
    ({ server, user, browser, page } = s);
  });

  /** From Europass (at `base`) to the waiting page; returns the number it shows. */
  async function toWaitingPage(base = server.url, email = user.email) {
    await page.goto(`${base}/cas/logout`);
    await page.goto(`${base}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, email, PASSWORD, 'EU Login Mobile App PIN Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your device');
    return Number(await page.locator('[data-sidekey-push-number]').textContent());
  }

  /** The popup, on the approval screen of the request the page is waiting for. */
  async function approvalScreen() {
    const popup = await openPopup(browser);
    await expect.poll(() => popup.getByTestId('push-approval').count()).toBe(1);
    return popup;
  }

  const pageOutcome = () => page.locator('main').textContent();

  it('notifies, shows the request with three numbers, and the page proceeds by itself once approved: Europass sees PASSWORD_MOBILE_APP', async () => {
    const number = await toWaitingPage();
    // The content script saw the waiting page and the background fetched the request: a notification is up.
    const probe = await openPopup(browser);
    await expect.poll(() => probe.evaluate(notificationIds)).toEqual([expect.stringMatching(/^sidekey-push:/)]);
    await probe.close();

    const popup = await approvalScreen();
    const screen = popup.getByTestId('push-approval');
    await expect.poll(() => screen.textContent()).toContain(`Europass (demo) asks to sign you in as ${user.email}`);
    expect(await screen.textContent()).toMatch(/Headless Chrome \d+ on Linux/);
    expect(await popup.getByRole('radio').count()).toBe(3);
    expect(await popup.getByRole('radio', { name: String(number) }).count()).toBe(1);
    expect(await seriousViolations(popup)).toEqual([]);

    // Keyboard first: the numbers are a radio group, then the PIN, then Enter.
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByLabel('Enter your PIN code').press('Enter');
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Approved');
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_MOBILE_APP');
    // Answered: the notification and the badge are gone.
    await expect.poll(() => popup.evaluate(notificationIds)).toEqual([]);
    await popup.close();
  });

  it('signs in to EUSurvey through OpenID Connect at MEDIUM: the popup names it, its page shows acr MEDIUM and the push methods', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/eusurvey/`);
    await page.getByRole('link', { name: 'Sign in to EUSurvey' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App PIN Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your device');
    const number = Number(await page.locator('[data-sidekey-push-number]').textContent());
    const popup = await approvalScreen();
    await expect
      .poll(() => popup.getByTestId('push-approval').textContent())
      .toContain(`EUSurvey (OpenID Connect demo) asks to sign you in as ${user.email}`);
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByLabel('Enter your PIN code').press('Enter');
    await expect.poll(() => page.getByTestId('acr').textContent(), { timeout: 15_000 }).toBe('MEDIUM');
    expect(await page.getByTestId('amr').textContent()).toBe('pwd swk pin mfa');
    expect(await page.locator('h1').textContent()).toMatch(/^Welcome, /);
    await popup.close();
  });

  it('gets a request made from another computer through its channel alone, and the notification opens the approval', async () => {
    // The password step from elsewhere: no page of this browser shows it, and no popup opens.
    const elsewhere = new WebClient(server.app, {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    await signIn(elsewhere, user.email, PASSWORD, undefined, 'mobile-pin');
    const tx = elsewhere.attr(/name="tx" value="([^"]+)"/);
    const probe = await openPopup(browser, undefined, false);
    await expect.poll(() => probe.evaluate(notificationIds)).toEqual([`sidekey-push:${tx}`]);
    await probe.close();
    const popup = await approvalScreen();
    await expect.poll(() => popup.getByTestId('push-approval').textContent()).toContain('Firefox 128 on Windows');
    await popup.getByRole('button', { name: 'This wasn’t me' }).click();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Reported');
    expect((await elsewhere.get(`/cas/login/push/status?tx=${tx}`)).json()).toEqual({ status: 'reported' });
    await popup.close();
  });

  it('ends the sign-in at once when denied', async () => {
    await toWaitingPage();
    const popup = await approvalScreen();
    await popup.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Denied');
    await expect.poll(pageOutcome).toContain('The sign-in was denied on your device.');
    await popup.close();
  });

  it('refuses a wrong number, and ends that sign-in', async () => {
    const number = await toWaitingPage();
    const popup = await approvalScreen();
    const wrong = (
      await popup.getByRole('radio').evaluateAll((els) => els.map((e) => Number(e.getAttribute('value'))))
    ).filter((n) => n !== number)[0]!;
    await popup.getByRole('radio', { name: String(wrong) }).check();
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('That was not the number shown');
    await expect.poll(pageOutcome).toContain('did not match the one on this page');
    await popup.close();
  });

  it('refuses a wrong PIN (the server tells, not the extension) and accepts the right one after', async () => {
    const number = await toWaitingPage();
    const popup = await approvalScreen();
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByLabel('Enter your PIN code').fill('0000');
    await popup.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => popup.getByRole('alert').textContent())
      .toContain('The PIN code is not correct. 2 attempts left.');
    expect(await page.locator('#push-status').getAttribute('data-state')).toBeNull();
    await popup.getByRole('radio', { name: String(number) }).check();
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Welcome, /);
    await popup.close();
  });

  it('works across two server instances on one PostgreSQL: asked on one, approved through the other', async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const { store, another, dispose } = await postgresBackend.open();
    const config = testConfig({ PUBLIC_URL: url });
    const pages = await buildApp({ config, store });
    const api = await buildApp({ config, store: await another!() });
    const [pagesPort, apiPort] = [await freePort(), await freePort()];
    await pages.listen({ host: '127.0.0.1', port: pagesPort });
    await api.listen({ host: '127.0.0.1', port: apiPort });
    const proxy = await startSplitProxy(port, pagesPort, apiPort);
    try {
      const other = await seedUser(store, PASSWORD, 'matteo@example.eu');
      await page.goto(`${url}/cas/login`);
      await passwordSteps(page, other.email, PASSWORD);
      await enrolExtension(browser, page, { url, app: pages, store, close: async () => undefined }, PIN);
      const number = await toWaitingPage(url, other.email);
      const popup = await approvalScreen();
      await expect.poll(() => popup.getByTestId('push-approval').textContent()).toContain(other.email);
      await popup.getByRole('radio', { name: String(number) }).check();
      await popup.getByLabel('Enter your PIN code').fill(PIN);
      await popup.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Welcome, /);
      await popup.close();
      // The extension's only link to this server is the API instance; the page's only one is the other.
      const reply = (await (
        await openPopup(browser)
      ).evaluate(sendFromExtensionPage, {
        sidekey: 1,
        type: 'listAccounts',
        body: {},
      })) as { value: { accounts: { serverOrigin: string }[] } };
      expect(reply.value.accounts.map((a) => a.serverOrigin)).toContain(url);
    } finally {
      await proxy.close();
      await pages.close();
      await api.close();
      await dispose();
    }
  });
});
