/**
 * "EU Login Mobile App QR Code" end to end in Chromium, with the extension as
 * the app: the content script sees the login QR, the popup asks the PIN, the
 * code is typed into the page and sent; the relying party sees
 * PASSWORD_SOFTWARE_TOKEN. A copy of the QR on another origin gets nothing;
 * wrong PINs are refused by the server and lock the device after five.
 */
import http from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withEnrolledChromium } from '../fixtures/suites';
import { seriousViolations } from '../fixtures/axe';
import type { ChromiumWithExtension } from '../fixtures/chromium';
import { openPopup, passwordSteps, serverTabId } from '../fixtures/chromium-flows';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import { freePort, type RunningServer } from '../fixtures/server';

const PASSWORD = 'Lighthouse keeper 3';
const PIN = '8642';

describe('Chromium: sign in with the QR code method', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };
  let qrPageHtml = '';

  withEnrolledChromium({ email: 'katja@example.eu', password: PASSWORD, pin: PIN }, (s) => {
    ({ server, user, browser, page } = s);
  });

  /** From Europass to the QR page. */
  async function toQrPage() {
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App QR Code');
    await expect.poll(() => page.locator('h1').textContent()).toBe('QR code authentication');
  }

  /** The popup, once the background holds the sign-in the content script reported. */
  async function popupWithSignIn() {
    await expect
      .poll(async () => {
        const probe = await openPopup(browser);
        const reply = (await probe.evaluate(sendFromExtensionPage, {
          sidekey: 1,
          type: 'getPendingLogin',
          body: {},
        })) as {
          value: { pending: unknown };
        };
        await probe.close();
        return reply.value.pending !== null;
      })
      .toBe(true);
    return openPopup(browser);
  }

  async function answerWithPin(pin: string, autoSubmit: boolean) {
    const popup = await popupWithSignIn();
    await expect
      .poll(() => popup.locator('form[aria-label="Sign in"]').textContent())
      .toContain(`Sign in to ${new URL(server.url).host} as ${user.email}`);
    expect(await seriousViolations(popup)).toEqual([]);
    const box = popup.getByLabel('Submit the code for me');
    if ((await box.isChecked()) !== autoSubmit) await box.setChecked(autoSubmit);
    await popup.getByLabel('Enter your PIN code').fill(pin);
    await popup.getByRole('button', { name: 'Authenticate' }).click();
    await expect.poll(() => popup.getByTestId('code').textContent()).toMatch(/^\d{8}$/);
    expect(await seriousViolations(popup)).toEqual([]); // the code screen
    return popup;
  }

  it('fills the code into the field and, when asked, submits it: Europass sees PASSWORD_SOFTWARE_TOKEN', async () => {
    await toQrPage();
    qrPageHtml = await page.content();
    const popup = await answerWithPin(PIN, true);
    const code = await popup.getByTestId('code').textContent();
    expect(await popup.getByRole('button', { name: 'Copy' }).count()).toBe(1);
    // Nothing to tell: the page goes straight on to Europass.
    await expect.poll(() => page.getByTestId('strength').textContent()).toBe('PASSWORD_SOFTWARE_TOKEN');
    await popup.close();
    expect(code).toMatch(/^\d{8}$/);

    // The same code for the same sign-in, sent again from this browser, is refused.
    const form = (name: string) =>
      qrPageHtml.match(new RegExp(`name="${name}" value="([^"]+)"`))![1]!.replace(/&amp;/g, '&');
    const replay = await page.evaluate(
      (fields) =>
        fetch('/cas/login/qr', { method: 'POST', body: new URLSearchParams(fields), credentials: 'same-origin' }).then(
          (r) => r.status,
        ),
      { csrf: form('csrf'), tx: form('tx'), service: form('service'), otp: code! },
    );
    expect(replay).toBe(410);
  });

  it('signs in to EUSurvey through OpenID Connect with the QR method: acr MEDIUM, amr pwd otp mfa', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/eusurvey/`);
    await page.getByRole('link', { name: 'Sign in to EUSurvey' }).click();
    // EUSurvey needs MEDIUM: the password alone is not among the methods.
    await page.getByLabel('Enter your e-mail address or unique identifier').fill(user.email);
    await page.getByRole('button', { name: 'Next >' }).click();
    await expect.poll(() => page.getByRole('radio', { name: /^EU Login Mobile App QR Code/ }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: /^Password/ }).count()).toBe(0);
    await page.getByRole('radio', { name: /^EU Login Mobile App QR Code/ }).check();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('QR code authentication');
    const popup = await answerWithPin(PIN, true);
    await expect.poll(() => page.getByTestId('acr').textContent(), { timeout: 15_000 }).toBe('MEDIUM');
    expect(await page.getByTestId('amr').textContent()).toBe('pwd otp mfa');
    await popup.close();
  });

  it('gives nothing to a perfect copy of the QR page on another origin', async () => {
    const port = await freePort();
    const phish = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(qrPageHtml));
    await new Promise<void>((resolve) => phish.listen(port, '127.0.0.1', resolve));
    try {
      const phishPage = await browser.context.newPage();
      await phishPage.goto(`http://localhost:${port}/cas/login`);
      await expect
        .poll(() => phishPage.evaluate(() => document.documentElement.dataset.sidekeyBridge))
        .toMatch(/^connected/);
      const popup = await openPopup(browser);
      const reply = (await popup.evaluate(sendFromExtensionPage, {
        sidekey: 1,
        type: 'getPendingLogin',
        body: {},
      })) as { value: { pending: unknown } };
      expect(reply.value.pending).toBeNull();
      expect(await popup.locator('form[aria-label="Sign in"]').count()).toBe(0);
      expect(await phishPage.locator('#f-otp').inputValue()).toBe('');
      await popup.close();
      await phishPage.close();
    } finally {
      phish.close();
    }
  });

  it('fills without submitting when the user types it in, and a wrong PIN is refused by the server, not here', async () => {
    await page.goto(`${server.url}/cas/logout`);
    await toQrPage();
    const popup = await answerWithPin('1111', false);
    await expect
      .poll(() => popup.getByRole('status').textContent())
      .toBe('The code was filled in. Choose “Sign in” on the page.');
    expect(await page.locator('#f-otp').inputValue()).toMatch(/^\d{8}$/);
    await popup.close();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain(
        'The code is not correct. Check the code (a wrong PIN code also gives a wrong code) and try again (2 attempts left).',
      );
    // The popup shows the server's answer.
    const after = await openPopup(browser);
    await expect
      .poll(() => after.getByRole('alert').textContent())
      .toContain('refused the code: check your PIN code (2 attempts left for this sign-in)');
    await after.close();
  });

  it('locks the device after five wrong PINs in a row', async () => {
    // One wrong code so far; two more end this sign-in, then two in the next.
    for (let wrong = 2; wrong <= 5; wrong++) {
      if (wrong === 4) {
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('this sign-in has ended');
        await page.goto(`${server.url}/cas/logout`);
        await toQrPage();
      }
      const popup = await answerWithPin('0000', true);
      await popup.close();
      await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
    }
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Your mobile device is locked after too many wrong PIN codes.');
    const [device] = await server.store.devices.listFor(user.uid);
    expect(device!.status).toBe('locked');
  });
});

describe('Chromium: a sign-in QR the page’s watcher could not see', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let user: { uid: string; email: string };

  withEnrolledChromium({ email: 'late.canvas@example.eu', password: PASSWORD, pin: PIN }, (s) => {
    ({ server, user, browser, page } = s);
  });

  it('is read when the popup opens: a canvas the page painted after its elements were in place', async () => {
    // The QR page as a page that paints its code on a canvas later (a script library's way):
    // the canvas is there when the watcher looks, its pixels come without any DOM change.
    await page.route(`${server.url}/cas/login**`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        /<img src="(data:image\/png;base64,[^"]+)"[^>]*data-sidekey-qr="login">/,
        '<canvas width="240" height="240" data-later="$1" data-sidekey-qr="login"></canvas>',
      );
      await route.fulfill({ response, body });
    });
    await page.goto(`${server.url}/europass/`);
    await page.getByRole('link', { name: 'Login to Europass' }).click();
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App QR Code');
    await expect.poll(() => page.locator('canvas[data-later]').count()).toBe(1);
    await page.evaluate(async () => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-later]')!;
      const image = new Image();
      image.src = canvas.dataset.later!;
      await image.decode();
      canvas.getContext('2d')!.drawImage(image, 0, 0);
    });
    const tabId = await serverTabId(browser, server.url);
    // The watcher saw a blank canvas: no sign-in waits.
    const probe = await openPopup(browser, tabId, false);
    const reply = (await probe.evaluate(sendFromExtensionPage, { sidekey: 1, type: 'getPendingLogin', body: {} })) as {
      value: { pending: unknown };
    };
    expect(reply.value.pending).toBeNull();
    await probe.close();

    // Opening the popup reads the page again and asks for the PIN.
    const popup = await openPopup(browser, tabId);
    await expect
      .poll(() => popup.locator('form[aria-label="Sign in"]').textContent())
      .toContain(`Sign in to ${new URL(server.url).host} as ${user.email}`);
    await popup.getByLabel('Submit the code for me').setChecked(true);
    await popup.getByLabel('Enter your PIN code').fill(PIN);
    await popup.getByRole('button', { name: 'Authenticate' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Welcome, /);
    await popup.close();
    await page.unroute(`${server.url}/cas/login**`);
  });
});
