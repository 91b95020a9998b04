/**
 * The capture fallback: a QR shown as a cross-origin image (its pixels are
 * off limits to the page's scripts), or in no element at all, is read from a
 * capture of the tab — once the user's click on the toolbar button allows it.
 */
import http from 'node:http';
import QRCode from 'qrcode';
import { formatEnrolmentQr } from '../../src/core/enrolment-qr';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { sendFromExtensionPage, type StatusReply } from '../fixtures/extension-api';
import { cssBackgroundPage } from '../fixtures/qr-pages';
import { freePort } from '../fixtures/server';
import { waitUntil } from '../fixtures/wait';
import { watchWorkers } from '../fixtures/worker-control';

describe('Chromium: QR behind a cross-origin image', () => {
  let browser: ChromiumWithExtension;
  let pageServer: http.Server;
  let imageServer: http.Server;
  let pagePort: number;
  /** An initialisation code of the page's own origin (the port is known once the server has one). */
  let payload: string;

  beforeAll(async () => {
    browser = await launchChromium(inject('chromeExtensionDir'));
    pagePort = await freePort();
    payload = formatEnrolmentQr({ origin: `http://localhost:${pagePort}`, id: 'A'.repeat(22), token: 'b'.repeat(43) });
    const png = await QRCode.toBuffer(payload, { width: 240, margin: 4 });
    const imagePort = await freePort();
    imageServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    await new Promise<void>((resolve) => imageServer.listen(imagePort, '127.0.0.1', resolve));
    // The same code turned a quarter and light on dark, as a CSS background: in no element at all.
    const turned = await cssBackgroundPage(payload, 200, { turn: 90, inverted: true });
    pageServer = http.createServer((req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          req.url === '/turned'
            ? `<!doctype html><meta name="sidekey-server" content="1">${turned}`
            : `<!doctype html><meta name="sidekey-server" content="1"><p>Scan me</p><img id="qr" width="240" height="240" src="http://127.0.0.1:${imagePort}/qr.png">`,
        ),
    );
    await new Promise<void>((resolve) => pageServer.listen(pagePort, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await browser?.close();
    pageServer?.close();
    imageServer?.close();
  });

  it('reports a cross-origin QR image as unreadable, with where it is, for the capture fallback', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://localhost:${pagePort}/`);
    await page.locator('#qr').evaluate((img: HTMLImageElement) => img.decode());
    const box = (await page.locator('#qr').boundingBox())!;
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const status = (await popup.evaluate(sendFromExtensionPage, {
      sidekey: 1,
      type: 'getStatus',
      body: {},
    })) as StatusReply;
    // Without the user's click (activeTab) the tab may not be captured: the popup then says so plainly.
    const reply = await popup.evaluate(sendFromExtensionPage, {
      sidekey: 1,
      type: 'readEnrolmentQr',
      body: { tabId: status.value.lastServerPage!.tabId },
    });
    expect(reply).toEqual({ ok: false, error: 'No QR code was found on this page.' });
    // What the content script saw: no payload, and the image's place on screen, for the capture.
    const seen = (await popup.evaluate(
      ([tabId]) =>
        (
          globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }
        ).chrome.tabs.sendMessage(tabId!, { sidekey: 1, type: 'readQr', body: { all: false } }),
      [status.value.lastServerPage!.tabId],
    )) as {
      ok: true;
      value: {
        payload: null;
        unreadable: { x: number; y: number; width: number; height: number }[];
        viewportWidth: number;
      };
    };
    expect(seen.value.payload).toBeNull();
    expect(seen.value.unreadable).toEqual([{ x: box.x, y: box.y, width: 240, height: 240 }]);
    expect(seen.value.viewportWidth).toBeGreaterThan(0);
  });

  // `stopped`: the worker stopped (as Chrome does after 30 s idle) just before the read, so the QR
  // reader is imported afresh from its own file (scripts/deferred-libraries.mjs).
  it.each([
    ['/', 'running'],
    ['/turned', 'running'],
    ['/', 'stopped'],
  ])(
    'reads the code on %s from a capture once the toolbar button is clicked (activeTab), worker %s',
    async (pathname, worker) => {
      const page = await browser.context.newPage();
      await page.goto(`http://localhost:${pagePort}${pathname}`);
      await page.waitForLoadState('load');
      const tabId = await waitUntil(
        async () => {
          const probe = await browser.context.newPage();
          await probe.goto(`chrome-extension://${browser.extensionId}/popup.html?check=no`);
          const status = (await probe.evaluate(sendFromExtensionPage, {
            sidekey: 1,
            type: 'getStatus',
            body: {},
          })) as StatusReply;
          await probe.close();
          return status.value.lastServerPage?.origin === `http://localhost:${pagePort}`
            ? status.value.lastServerPage.tabId
            : -1;
        },
        (id) => id >= 0,
        'the page reported by the content script',
      );
      await page.bringToFront();
      await browser.clickToolbarButton(page.url());
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?check=no`);
      await page.bringToFront();
      if (worker === 'stopped') {
        const workers = await watchWorkers(await browser.context.newCDPSession(popup));
        await workers.stop();
        // The page's content script may wake it again at once: a new start all the same.
        expect(workers.wasStopped()).toBe(true);
      }
      const reply = await popup.evaluate(sendFromExtensionPage, {
        sidekey: 1,
        type: 'readEnrolmentQr',
        body: { tabId },
      });
      expect(reply).toEqual({ ok: true, value: { origin: `http://localhost:${pagePort}`, payload } });
      await popup.close();
      await page.close();
    },
  );
});
