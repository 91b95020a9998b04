import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { sendFromExtensionPage, type StatusReply } from '../fixtures/extension-api';
import { startServer, type RunningServer } from '../fixtures/server';

describe('Chromium with the built extension', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(inject('chromeExtensionDir'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the extension with a service worker', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('renders the popup', async () => {
    const popup = await browser.openPopup();
    await expect.poll(() => popup.locator('h1').textContent()).toBe('Sidekey');
    await expect.poll(() => popup.getByTestId('status').textContent()).toContain('No account is initialised yet.');
    await popup.close();
  });

  it('runs the content script on a server page, which gets an answer from the background', async () => {
    const page = await browser.context.newPage();
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
