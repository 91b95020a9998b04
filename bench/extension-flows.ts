/**
 * What a user waits for, in real Chromium with the built extension against the reference server:
 *
 * QR sign-in — the login page shows its QR code (its image decoded); the popup is opened at once
 * (the real path: it asks the servers and may read the page) and the PIN field gets focus; the PIN
 * is typed and submitted; the code arrives in the page's field. Taken with the background's service
 * worker running (warm) and stopped just before the QR page loads (CDP
 * `ServiceWorker.stopAllWorkers`, what Chrome does to a worker idle for 30 s): the page's report
 * and the popup then wake it.
 *
 * Push — the request is made from another computer (a second browser without the extension), so
 * it reaches the extension over its channel alone: request created (the waiting page's response)
 * → the extension's notification; popup opened → the approval shown; Approve (PIN typed) → the
 * waiting page has navigated to the service.
 *
 * Times are taken in each page's own clock (performance.timeOrigin + now(), one epoch clock for
 * every process of the browser); the automation's own steps (typing, clicking) are left out of
 * the totals by adding up the spans between them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findProgram } from '../scripts/prerequisites.mjs';
import { launchChromium, CHROMIUM_FLAGS, type ChromiumWithExtension } from '../tests/fixtures/chromium';
import { enrolExtension, passwordSteps, serverTabId } from '../tests/fixtures/chromium-flows';
import { watchWorkers } from '../tests/fixtures/worker-control';
import { startServer, type RunningServer } from '../tests/fixtures/server';
import { seedUser } from '../tests/fixtures/users';
import { summarise, type Summary } from './stats';

const RUNS = 30;
const PASSWORD = 'Flows bench 2026';
const PIN = '5791';

interface Marks {
  qrShown?: number;
  pinReady?: number;
  pinGiven?: number;
  filled?: number;
  approvalShown?: number;
  popupStart?: number;
  /** The popup shows a code for each of 200 one-time-code accounts. */
  codesShown?: number;
  /** The popup's one-time-code section shows its empty list (no account yet). */
  codesEmpty?: number;
}

/** Marks, in epoch milliseconds, of what the user sees: on the login page and in the popup. */
export function recordMarks() {
  const now = () => performance.timeOrigin + performance.now();
  const marks: Record<string, number> = {};
  Object.assign(globalThis, { benchMarks: marks });
  marks.popupStart = performance.timeOrigin;
  document.addEventListener('DOMContentLoaded', () => {
    const qr = document.querySelector<HTMLImageElement>('img[data-sidekey-qr="login"]');
    if (qr) void qr.decode().then(() => (marks.qrShown ??= now()));
  });
  document.addEventListener(
    'input',
    (event) => {
      const field = event.target as HTMLInputElement;
      if (field.name === 'otp' && field.value.length >= 6) marks.filled ??= now();
    },
    true,
  );
  document.addEventListener(
    'focusin',
    (event) => {
      if ((event.target as HTMLElement).id === 'pin') marks.pinReady ??= now();
    },
    true,
  );
  document.addEventListener('submit', () => (marks.pinGiven ??= now()), true);
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="push-approval"] input')) marks.approvalShown ??= now();
    // The list's first rows (code-list.tsx FIRST_ROWS: a screen and more; the rest drawn as it scrolls).
    if (marks.codesShown === undefined && document.querySelectorAll('[data-testid="otp-code"]').length >= 50)
      marks.codesShown = now();
    if (document.querySelector('[data-testid="otp-none"]')) marks.codesEmpty ??= now();
  }).observe(document, { childList: true, subtree: true });
}

export const marksOf = async (page: Page, wanted: keyof Marks): Promise<Marks> => {
  await page.waitForFunction((key) => (globalThis as { benchMarks?: Marks }).benchMarks?.[key as keyof Marks], wanted);
  return page.evaluate(() => ({ ...(globalThis as unknown as { benchMarks: Marks }).benchMarks }));
};

async function enrolled(
  root: string,
): Promise<{ server: RunningServer; browser: ChromiumWithExtension; page: Page; email: string }> {
  const server = await startServer();
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'));
  const user = await seedUser(server.store, PASSWORD, 'flows-bench@example.eu');
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/cas/login`);
  await passwordSteps(page, user.email, PASSWORD);
  await enrolExtension(browser, page, server, PIN);
  // As source text: tsx names functions with a helper (`__name`) the page does not have.
  await browser.context.addInitScript({ content: `var __name = (f) => f; (${recordMarks.toString()})();` });
  return { server, browser, page, email: user.email };
}

export interface QrFlowFigures {
  /**
   * By worker state: the QR shown → PIN field ready (the automation's reaction included; warm
   * only, the stopped runs wait for the worker to stop); popup navigation → PIN field ready; PIN
   * given → code in the field; total: the last two added up.
   */
  warm: Record<'toPin' | 'popupToPin' | 'pinToField' | 'total', Summary>;
  stopped: Record<'toPin' | 'popupToPin' | 'pinToField' | 'total', Summary>;
  /** Stopped runs in which CDP reported the worker stopped when the popup opened. */
  stoppedAtOpen: number;
  runs: number;
}

export async function benchQrFlow(root: string): Promise<QrFlowFigures> {
  const { server, browser, page, email } = await enrolled(root);
  const workers = await watchWorkers(await browser.context.newCDPSession(page));
  const figures = { stoppedAtOpen: 0, runs: RUNS } as QrFlowFigures;
  try {
    const tabId = await serverTabId(browser, server.url);
    for (const state of ['warm', 'stopped'] as const) {
      const times = {
        toPin: [] as number[],
        popupToPin: [] as number[],
        pinToField: [] as number[],
        total: [] as number[],
      };
      for (let i = -2; i < RUNS; i++) {
        await page.goto(`${server.url}/cas/logout`);
        await page.goto(`${server.url}/cas/login`);
        await page.getByLabel('Enter your e-mail address or unique identifier').fill(email);
        await page.getByRole('button', { name: 'Next >' }).click();
        await page.getByRole('radio', { name: /^EU Login Mobile App QR Code/ }).check();
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        // The popup's tab is made beforehand: making one is the automation's cost, not the popup's.
        const popup = await browser.context.newPage();
        await page.getByRole('button', { name: 'Sign in' }).click({ noWaitAfter: true });
        await page.waitForFunction(() => (globalThis as { benchMarks?: Marks }).benchMarks?.qrShown, null, {
          polling: 2,
        });
        let stoppedAtOpen = false;
        if (state === 'stopped') {
          // The page has reported its code (the content script wakes the worker to do so); then the
          // worker stops, as one idle for 30 s while the user reaches for the toolbar does, and the
          // popup opens on a stopped worker.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await workers.stop();
          stoppedAtOpen = workers.stopped();
        }
        // The user opens the popup on seeing the code: at once here, faster than anyone could.
        await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`, { waitUntil: 'commit' });
        const { qrShown } = await marksOf(page, 'qrShown');
        const { pinReady, popupStart } = await marksOf(popup, 'pinReady');
        await popup.locator('#pin').fill(PIN);
        await popup.locator('#pin').press('Enter');
        const { pinGiven } = await marksOf(popup, 'pinGiven');
        const { filled } = await marksOf(page, 'filled');
        await popup.close();
        if (i < 0) continue;
        if (stoppedAtOpen) figures.stoppedAtOpen++;
        if (state === 'warm') times.toPin.push(pinReady! - qrShown!);
        times.popupToPin.push(pinReady! - popupStart!);
        times.pinToField.push(filled! - pinGiven!);
        // What the user waits for: the popup from the click, and the code after the PIN.
        times.total.push(pinReady! - popupStart! + (filled! - pinGiven!));
      }
      figures[state] = {
        toPin: summarise(times.toPin),
        popupToPin: summarise(times.popupToPin),
        pinToField: summarise(times.pinToField),
        total: summarise(times.total),
      };
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}

/**
 * The floor under the popup's figures: an extension whose popup page asks its worker one question
 * and then shows a focused field — what any extension pays in this browser on this machine.
 */
export async function benchPopupFloor(): Promise<{ openings: Openings; workerStart: Summary }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-floor-'));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Floor', version: '1', background: { service_worker: 'worker.js' } }),
  );
  fs.writeFileSync(
    path.join(dir, 'worker.js'),
    'chrome.runtime.onMessage.addListener((m, s, reply) => { reply({ ok: true, value: { pending: true } }); });',
  );
  fs.writeFileSync(
    path.join(dir, 'popup.html'),
    '<!doctype html><meta charset="utf-8"><div id="app"></div><script type="module" src="popup.js"></script>',
  );
  fs.writeFileSync(
    path.join(dir, 'popup.js'),
    `chrome.runtime.sendMessage({ type: 'getPendingLogin' }).then(() => {
      const pin = document.createElement('input');
      pin.id = 'pin';
      document.getElementById('app').append(pin);
      pin.focus();
    });`,
  );
  const browser = await launchChromium(dir);
  await browser.context.addInitScript({ content: `var __name = (f) => f; (${recordMarks.toString()})();` });
  try {
    const openings = await popupOpenings(browser, 'pinReady');
    return { openings, workerStart: await workerStart(browser, { type: 'getPendingLogin' }) };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The worker's start: stopped (and seen stopped by CDP) → its answer to one message from an open
 * extension page (the popup's page, idle), RUNS times after two unmeasured.
 */
export async function workerStart(browser: ChromiumWithExtension, message: unknown): Promise<Summary> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html?check=no`);
  const workers = await watchWorkers(await browser.context.newCDPSession(page));
  const times: number[] = [];
  for (let i = -2; i < RUNS; i++) {
    await workers.stop();
    const stopped = workers.stopped();
    // Chrome now and then refuses a message sent while a worker finishes stopping ("Receiving end
    // does not exist"): that run is not a start to time, and is left out (the row's n says how many).
    const ms = await page.evaluate(async (m) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome.runtime;
      const start = performance.now();
      try {
        await api.sendMessage(m);
      } catch {
        return null;
      }
      return performance.now() - start;
    }, message);
    if (i >= 0 && stopped && ms !== null) times.push(ms);
  }
  await page.close();
  return summarise(times);
}

/** Ours: the built extension's worker answering the popup's first question (popupStart). */
export async function benchWorkerStart(root: string): Promise<Summary> {
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'));
  try {
    return await workerStart(browser, { sidekey: 1, type: 'popupStart', body: { tabId: null } });
  } finally {
    await browser.close();
  }
}

/**
 * The popup opened RUNS times (after two unmeasured), worker running and then stopped before each
 * opening (CDP ServiceWorker.stopAllWorkers): navigation start → the `wanted` mark.
 */
export type Openings = Record<'warm' | 'stopped', Summary> & { stoppedAtOpen: number; runs: number };

export async function popupOpenings(browser: ChromiumWithExtension, wanted: keyof Marks): Promise<Openings> {
  const blank = await browser.context.newPage();
  await blank.goto('data:text/html,popup-openings');
  const workers = await watchWorkers(await browser.context.newCDPSession(blank));
  const figures = { stoppedAtOpen: 0, runs: RUNS } as Openings;
  for (const state of ['warm', 'stopped'] as const) {
    const times: number[] = [];
    for (let i = -2; i < RUNS; i++) {
      if (state === 'stopped') {
        await workers.stop();
        if (i >= 0 && workers.stopped()) figures.stoppedAtOpen++;
      }
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`, { waitUntil: 'commit' });
      const marks = await marksOf(popup, wanted);
      await popup.close();
      if (i >= 0) times.push(marks[wanted]! - marks.popupStart!);
    }
    figures[state] = summarise(times);
  }
  await blank.close();
  return figures;
}

/**
 * `serviceFloor`: the same arrival at the service with no approval work — the signed-in user's
 * "Login to Europass" click (single sign-on: ticket, callback, validation, page), navigation start
 * → the service page's DOMContentLoaded, in the same browser right after each run.
 */
export type PushFlowFigures = Record<
  'channel' | 'popupToApproval' | 'approveToService' | 'serviceFloor' | 'total',
  Summary
>;

export async function benchPushFlow(root: string): Promise<PushFlowFigures> {
  const { server, browser, email } = await enrolled(root);
  // The other computer: a plain browser where the user signs in and waits.
  const other = await chromium.launch({
    executablePath: findProgram('chromium'),
    args: [...CHROMIUM_FLAGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  const times = {
    channel: [] as number[],
    popupToApproval: [] as number[],
    approveToService: [] as number[],
    serviceFloor: [] as number[],
    total: [] as number[],
  };
  try {
    // The moment the extension's notification is made: the request has come over the channel.
    const worker = browser.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { notifications: { create: (...args: unknown[]) => unknown } } })
        .chrome.notifications;
      const create = api.create.bind(api);
      const seen: number[] = [];
      Object.assign(globalThis, { benchNotified: seen });
      api.create = (...args: unknown[]) => {
        seen.push(performance.timeOrigin + performance.now());
        return create(...args);
      };
    });
    const notified = () =>
      worker.evaluate(() => (globalThis as unknown as { benchNotified: number[] }).benchNotified.length);
    const lastNotified = () =>
      worker.evaluate(() => (globalThis as unknown as { benchNotified: number[] }).benchNotified.at(-1)!);
    const context = await other.newContext();
    const page = await context.newPage();
    for (let i = -2; i < RUNS; i++) {
      const before = await notified();
      await page.goto(`${server.url}/cas/logout`);
      await page.goto(`${server.url}/europass/`);
      await page.getByRole('link', { name: 'Login to Europass' }).click();
      await passwordSteps(page, email, PASSWORD, 'EU Login Mobile App PIN Code');
      await page.locator('[data-sidekey-push-number]').waitFor();
      const created = await page.evaluate(
        () => performance.timeOrigin + performance.getEntriesByType('navigation')[0]!.toJSON().responseStart,
      );
      const number = (await page.locator('[data-sidekey-push-number]').textContent())!.trim();
      for (let k = 0; (await notified()) === before; k++) {
        if (k > 500) throw new Error('The request never came over the channel');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const arrived = await lastNotified();
      // The user clicks the notification: the popup opens on the request.
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`, { waitUntil: 'commit' });
      const { approvalShown, popupStart } = await marksOf(popup, 'approvalShown');
      await popup.getByRole('radio', { name: number }).check();
      await popup.getByLabel('Enter your PIN code').fill(PIN);
      await popup.getByLabel('Enter your PIN code').press('Enter');
      const { pinGiven } = await marksOf(popup, 'pinGiven');
      await page.waitForURL(/\/europass\//);
      const atService = await page.evaluate(
        () =>
          performance.timeOrigin + performance.getEntriesByType('navigation')[0]!.toJSON().domContentLoadedEventStart,
      );
      await popup.close();
      // The floor: signed in now, the same way to the service without a request to approve.
      await page.goto(`${server.url}/europass/`);
      await page.getByRole('link', { name: 'Login to Europass' }).click();
      await page.waitForURL(/\/europass\/callback/);
      const floorMs = await page.evaluate(
        () => performance.getEntriesByType('navigation')[0]!.toJSON().domContentLoadedEventStart as number,
      );
      if (i < 0) continue;
      times.serviceFloor.push(floorMs);
      times.channel.push(arrived - created);
      times.popupToApproval.push(approvalShown! - popupStart!);
      times.approveToService.push(atService - pinGiven!);
      times.total.push(arrived - created + (approvalShown! - popupStart!) + (atService - pinGiven!));
    }
  } finally {
    await other.close();
    await browser.close();
    await server.close();
  }
  return {
    channel: summarise(times.channel),
    popupToApproval: summarise(times.popupToApproval),
    approveToService: summarise(times.approveToService),
    serviceFloor: summarise(times.serviceFloor),
    total: summarise(times.total),
  };
}
