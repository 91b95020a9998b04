/**
 * What a user and an attacker do that the happy paths never try, in Chromium
 * with the built extension enrolled: a QR sign-in left for another method, a
 * tab that moves to another origin between the QR and the PIN, a page that
 * plants a result for the popup, and pages that look for the extension.
 */
import http from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChromiumWithExtension } from '../fixtures/chromium';
import { enrolledChromium, openPopup, passwordSteps } from '../fixtures/chromium-flows';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import { freePort, type RunningServer } from '../fixtures/server';

const PASSWORD = 'Quiet harbour 58';
const PIN = '3579';

type PendingReply = { value: { pending: unknown; lastResult: unknown } };

describe('Chromium: abandoned sign-ins and hostile pages', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };
  /** A server on another localhost port (the content script runs there too): whatever a test puts in `other.html`. */
  let other: { url: string; html: string; close(): Promise<void> };

  beforeAll(async () => {
    ({ server, user, browser, page } = await enrolledChromium(
      'lena@example.eu',
      PASSWORD,
      PIN,
      inject('chromeExtensionDir'),
    ));
    const port = await freePort();
    const state = { html: '' };
    const http_ = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(state.html));
    await new Promise<void>((resolve) => http_.listen(port, '127.0.0.1', resolve));
    other = {
      url: `http://localhost:${port}`,
      get html() {
        return state.html;
      },
      set html(value: string) {
        state.html = value;
      },
      close: () => new Promise<void>((resolve) => http_.close(() => resolve())),
    };
  });
  afterAll(async () => {
    await other?.close();
    await browser?.close();
    await server?.close();
  });

  async function pendingLogin(): Promise<PendingReply['value']> {
    const probe = await openPopup(browser, undefined, false);
    const reply = (await probe.evaluate(sendFromExtensionPage, {
      sidekey: 1,
      type: 'getPendingLogin',
      body: {},
    })) as PendingReply;
    await probe.close();
    return reply.value;
  }

  /** Signed out, then from Europass to the QR page, which the extension has taken up. */
  async function toQrPage() {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App QR Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('QR code authentication');
    await expect.poll(async () => (await pendingLogin()).pending !== null).toBe(true);
  }

  it('ends a QR sign-in left for the PIN Code method: the popup shows the request, and approving it signs in', async () => {
    await toQrPage();
    await page.getByRole('link', { name: 'Sign in with another method' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App PIN Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your device');
    const number = Number(await page.locator('[data-sidekey-push-number]').textContent());
    // The QR sign-in is over in the extension as soon as its page went.
    expect((await pendingLogin()).pending).toBeNull();

    const popup = await openPopup(browser);
    await expect.poll(() => popup.getByTestId('push-approval').count()).toBe(1);
    expect(await popup.locator('form[aria-label="Sign in"]').count()).toBe(0);
    // "Choose the number…" goes away once a number is chosen.
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => popup.locator('#push-error').textContent()).toContain('Choose the number');
    await popup.getByRole('radio', { name: String(number) }).check();
    await expect.poll(() => popup.locator('#push-error').count()).toBe(0);
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Approved');
    // Nothing to tell: the page goes straight on to Europass.
    await expect
      .poll(() => page.getByTestId('strength').textContent(), { timeout: 15_000 })
      .toBe('PASSWORD_MOBILE_APP');
    await popup.close();
  });

  it('ends a QR sign-in when its tab closes, and when the user cancels the prompt', async () => {
    const tab = await browser.context.newPage();
    const previous = page;
    page = tab;
    try {
      await toQrPage();
      await tab.close();
      await expect.poll(async () => (await pendingLogin()).pending).toBeNull();
    } finally {
      page = previous;
    }
    await toQrPage();
    const popup = await openPopup(browser);
    await expect.poll(() => popup.locator('form[aria-label="Sign in"]').count()).toBe(1);
    // The auto-submit box sits right by its label.
    const gap = await popup.evaluate(() => {
      const input = document.querySelector('.field.checkbox input')!.getBoundingClientRect();
      const range = document.createRange();
      const label = document.querySelector('.field.checkbox label')!;
      range.selectNodeContents(label.lastChild!);
      return range.getBoundingClientRect().left - input.right;
    });
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(16);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await pendingLogin()).pending).toBeNull();
    await popup.close();
  });

  it('types no code into a page of another origin the tab moved to between the QR and the PIN', async () => {
    await toQrPage();
    const popup = await openPopup(browser);
    await expect.poll(() => popup.locator('form[aria-label="Sign in"]').count()).toBe(1);
    // The same tab goes to a copy of the QR page elsewhere, same sign-in in its QR code.
    other.html = await page.content();
    await page.goto(`${other.url}/cas/login`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('QR code authentication');
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Authenticate' }).click();
    await expect.poll(() => popup.locator('#login-error').textContent()).toMatch(/no sign-in waiting|no longer open/);
    expect(await popup.getByTestId('code').count()).toBe(0);
    expect(await page.locator('#f-otp').inputValue()).toBe('');
    expect((await pendingLogin()).pending).toBeNull();
    await popup.close();
  });

  it('takes no result for the popup from a page that plants one', async () => {
    other.html = `<!doctype html><meta name="sidekey-server" content="1"><title>x</title>
<p data-sidekey-result="locked" data-attempts-left="0">Your device is locked</p>`;
    const planted = await browser.context.newPage();
    await planted.goto(`${other.url}/cas/login/qr`);
    await expect.poll(() => planted.evaluate(() => document.documentElement.dataset.sidekeyBridge)).toBe('connected');
    // The page's report races the bridge's answer: watch for a while that nothing lands (it did, before).
    for (let i = 0; i < 6; i++) {
      expect((await pendingLogin()).lastResult).toBeNull();
      await planted.waitForTimeout(250);
    }
    const popup = await openPopup(browser, undefined, false);
    await expect.poll(() => popup.getByTestId('status').count()).toBe(1);
    await popup.waitForTimeout(300); // past its start-up questions
    expect(await popup.locator('#popup-error').count()).toBe(0);
    await popup.close();
    await planted.close();
  });

  it('tells pages nothing about itself: no id in messages, no version in the page', async () => {
    other.html = `<!doctype html><meta name="sidekey-server" content="1"><title>probe</title>
<script>window.seen = []; addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));</script>`;
    const probe = await browser.context.newPage();
    await probe.goto(other.url);
    await expect.poll(() => probe.evaluate(() => document.documentElement.dataset.sidekeyBridge)).toBe('connected');
    await probe.waitForTimeout(300);
    const seen = await probe.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.filter((m) => m.includes(browser.extensionId) || m.includes('wxt'))).toEqual([]);
    const html = await probe.evaluate(() => document.documentElement.outerHTML);
    expect(html).not.toContain(browser.extensionId);
    expect(html).not.toMatch(/data-sidekey-bridge="connected [\d.]+"/);
    await probe.close();
  });
});
