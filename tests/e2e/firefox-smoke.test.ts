import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../fixtures/firefox';
import { sendFromExtensionPage, type StatusReply } from '../fixtures/extension-api';
import { startServer, type RunningServer } from '../fixtures/server';

describe('Firefox with the built extension', () => {
  let server: RunningServer;
  let browser: FirefoxWithExtension;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchFirefox(inject('firefoxExtensionDir'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the popup', async () => {
    const popup = await browser.openPopup();
    await expect.poll(() => popup.$eval('h1', (h) => h.textContent)).toBe('Sidekey');
    await expect
      .poll(() => popup.$eval('[data-testid=status]', (s) => s.textContent))
      .toContain('No account is initialised yet.');
    await popup.close();
  });

  it('runs the content script on a server page, which gets an answer from the background', async () => {
    const page = await browser.browser.newPage();
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.sidekeyBridge), { timeout: 10_000 })
      .toBe('connected');
    await page.close();

    const popup = await browser.openPopup();
    const status = await popup.evaluate(sendFromExtensionPage, { sidekey: 1, type: 'getStatus', body: {} });
    expect((status as StatusReply).value.lastServerPage?.origin).toBe(server.url);
    await popup.close();
  });
});
