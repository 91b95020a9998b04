/**
 * The content script's QR reading and the background's capture decoding in a
 * real Firefox DOM (Debian's firefox-esr over WebDriver BiDi), bundled
 * unchanged from src/extension: the same pages as in Chromium (page-code.test.ts).
 */
import { build } from 'esbuild';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../fixtures/firefox';
import { cssBackgroundPage, drawQrOnCanvas, QR_PAGE_PAYLOAD, qrPageCases } from '../fixtures/qr-pages';

const cases = await qrPageCases(QR_PAGE_PAYLOAD);

interface PageCode {
  readPageQr(doc: Document): Promise<{ payload: string | null; unreadable: object[] }>;
  decodeCapture(source: ImageBitmap, size: object, rects: object[]): string | null;
}

describe('page code in Firefox', () => {
  let browser: FirefoxWithExtension;
  let page: Page;
  let script = '';

  beforeAll(async () => {
    const entry = path.resolve(import.meta.dirname, '../fixtures/page-code-entry.ts');
    script = (await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife' })).outputFiles[0]!.text;
    browser = await launchFirefox(inject('firefoxExtensionDir'));
    page = await browser.browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
  });
  afterAll(() => browser?.close());

  async function load(body: string) {
    await page.setContent(`<!doctype html><body>${body}</body>`);
    await page.addScriptTag({ content: script });
  }

  it.each(cases.map((c) => [c.name, c] as const))('reads the QR code from %s', async (_name, qrCase) => {
    await load(qrCase.body);
    if (qrCase.canvas) await page.evaluate(drawQrOnCanvas, qrCase.canvas);
    const seen = await page.evaluate(() =>
      (globalThis as unknown as { pageCode: PageCode }).pageCode.readPageQr(document),
    );
    expect(seen.payload).toBe(qrCase.expected.payload);
    if (qrCase.expected.unreadable) expect(seen.unreadable).toEqual(qrCase.expected.unreadable);
  });

  it('finds a code that is in no element in a capture of the page', async () => {
    await load(await cssBackgroundPage(QR_PAGE_PAYLOAD, 200));
    const capture = await page.screenshot({ encoding: 'base64', type: 'png' });
    const found = await page.evaluate(async (capture) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${capture}`)).blob());
      return (globalThis as unknown as { pageCode: PageCode }).pageCode.decodeCapture(
        bitmap,
        { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: innerWidth },
        [],
      );
    }, capture);
    expect(found).toBe(QR_PAGE_PAYLOAD);
  });
});
