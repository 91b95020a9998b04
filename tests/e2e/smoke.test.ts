/**
 * Both browsers with the built extension: the popup renders, and the content
 * script on a server page reaches the background. One test body, two drivers
 * (Playwright for Chromium, WebDriver BiDi through puppeteer-core for Firefox),
 * through the few page methods they share.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../fixtures/chromium';
import { sendFromExtensionPage, type StatusReply } from '../fixtures/extension-api';
import { launchFirefox } from '../fixtures/firefox';
import { startServer, type RunningServer } from '../fixtures/server';

/** What both drivers' pages do alike, as these tests use them. */
interface AnyPage {
  goto(url: string): Promise<unknown>;
  evaluate(fn: (arg: never) => unknown, arg?: unknown): Promise<unknown>;
  $eval(selector: string, fn: (element: Element) => string | null): Promise<string | null>;
  close(): Promise<void>;
}
interface AnyBrowser {
  /** The extension's id as the browser gives it. */
  extensionId: string;
  openPopup(): Promise<AnyPage>;
  newPage(): Promise<AnyPage>;
  close(): Promise<void>;
}

const BROWSERS: [string, () => Promise<AnyBrowser>][] = [
  [
    'Chromium',
    async () => {
      const b = await launchChromium(inject('chromeExtensionDir'));
      return {
        extensionId: b.extensionId,
        openPopup: async () => (await b.openPopup()) as unknown as AnyPage,
        newPage: async () => (await b.context.newPage()) as unknown as AnyPage,
        close: () => b.close(),
      };
    },
  ],
  [
    'Firefox',
    async () => {
      const b = await launchFirefox(inject('firefoxExtensionDir'));
      return {
        extensionId: new URL(b.extensionBase).host,
        openPopup: async () => (await b.openPopup()) as unknown as AnyPage,
        newPage: async () => (await b.browser.newPage()) as unknown as AnyPage,
        close: () => b.close(),
      };
    },
  ],
];

describe.each(BROWSERS)('%s with the built extension', (name, launch) => {
  let server: RunningServer;
  let browser: AnyBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the extension', () => {
    // Chromium derives the id from the key (32 letters a–p); Firefox gives a UUID per profile (fixed in tests).
    expect(browser.extensionId).toMatch(name === 'Chromium' ? /^[a-p]{32}$/ : /^[0-9a-f-]{36}$/);
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
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.sidekeyBridge), { timeout: 10_000 })
      .toBe('connected');
    await page.close();

    const popup = await browser.openPopup();
    const status = await popup.evaluate(sendFromExtensionPage as (arg: never) => unknown, {
      sidekey: 1,
      type: 'getStatus',
      body: {},
    });
    expect((status as StatusReply).value.lastServerPage?.origin).toBe(server.url);
    await popup.close();
  });
});
