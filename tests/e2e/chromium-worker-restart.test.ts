/**
 * The background's service worker stopped and started again, as Chrome does after 30 s idle: what
 * its libraries do after a restart (scripts/deferred-libraries.mjs). The public-suffix list and
 * Argon2id are not in the worker's script but files of their own, imported the first time a
 * restarted worker needs them — which a service worker may do only with scripts it imported while
 * being installed. Each is used here only after a stop: a site named from a tab's address (the
 * list), an unlock (Argon2id). The capture's QR reader after a stop: chromium-qr-fallback.test.ts.
 */
import http from 'node:http';
import { getDomain } from 'tldts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import { freePort } from '../fixtures/server';
import { SETUP_URI } from '../fixtures/otp-site';
import { watchWorkers } from '../fixtures/worker-control';

const PASSPHRASE = 'a worker that sleeps and wakes';
/** A host whose site only the public-suffix list can tell (`*.localhost` is the machine itself, RFC 6761 §6.3). */
const HOST = 'app.restart-test.localhost';

describe('Chromium: the background after its worker was stopped', () => {
  let browser: ChromiumWithExtension;
  let server: http.Server;
  let extensionPage: Page;
  let workers: Awaited<ReturnType<typeof watchWorkers>>;
  let tabId: number;

  const send = async (type: string, body: unknown) =>
    (await extensionPage.evaluate(sendFromExtensionPage, { sidekey: 1, type, body })) as {
      ok: boolean;
      value: Record<string, unknown>;
      error?: string;
    };
  /** Stops the worker and checks CDP saw it stopped, so the next message starts it afresh. */
  const stopWorker = async () => {
    await workers.stop();
    expect(workers.wasStopped()).toBe(true);
  };

  beforeAll(async () => {
    browser = await launchChromium(inject('chromeExtensionDir'));
    const port = await freePort();
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>A site'));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const tab = await browser.context.newPage();
    await tab.goto(`http://${HOST}:${port}/`);
    extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html?check=no`);
    workers = await watchWorkers(await browser.context.newCDPSession(extensionPage));
    tabId = await extensionPage.evaluate(async (host) => {
      const api = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }
      ).chrome.tabs;
      return (await api.query({})).find((t) => t.url?.startsWith(`http://${host}:`))!.id;
    }, HOST);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('names the site of a tab with the public-suffix list, first used after a restart', async () => {
    expect(await send('otpSetUp', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    await stopWorker();
    const added = await send('otpAddText', { text: SETUP_URI, tabId });
    expect(added).toMatchObject({ ok: true });
    const site = getDomain(HOST, { allowPrivateDomains: true });
    expect(site).toBe('restart-test.localhost');
    expect((added.value.added as { site: string }[]).map((a) => a.site)).toEqual([site]);
    await stopWorker();
    const list = await send('otpList', { tabId });
    expect(list.value).toMatchObject({ state: 'unlocked', site });
  });

  it('unlocks with Argon2id, first used after a restart', async () => {
    expect(await send('otpLock', {})).toMatchObject({ ok: true });
    await stopWorker();
    expect(await send('otpUnlock', { passphrase: `${PASSPHRASE}!` })).toMatchObject({ ok: false });
    await stopWorker();
    expect(await send('otpUnlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    const list = await send('otpList', { tabId: null });
    expect(list.value).toMatchObject({ state: 'unlocked' });
    expect((list.value.accounts as { code: string | null }[])[0]!.code).toMatch(/^\d{6}$/);
  });
});
