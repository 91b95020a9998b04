/**
 * The QR sign-in's steps in real Chromium, with the extension's own code, from
 * "the QR is on the page" to "the code is in the field" once the PIN is given:
 * read (decode the login QR from the element), unlock (PBKDF2 + AES-CTR unwrap),
 * OCRA (RFC 6287), fill (check the page still shows that sign-in, type the code).
 * The messages between content script, background and popup are not included.
 */
import { build } from 'esbuild';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium } from 'playwright-core';
import { formatLoginQr } from '../src/core/login-qr';
import { findBrowser } from '../scripts/prerequisites.mjs';
import { summarise, type Summary } from './stats';

const RUNS = 30;

export async function benchQrSignIn(): Promise<{ steps: Record<string, Summary>; iterations: number }> {
  const script = (
    await build({
      entryPoints: [path.join(import.meta.dirname, 'qr-sign-in-entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
    })
  ).outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: findBrowser('chromium'),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const times: Record<string, number[]> = { read: [], unlock: [], ocra: [], fill: [], total: [] };
  let iterations = 0;
  try {
    const page = await browser.newPage();
    for (let i = -1; i < RUNS; i++) {
      const login = {
        // The page's own origin: the fill checks it, as the extension does.
        origin: 'http://localhost',
        uid: 'n00abc12',
        tx: `${'T'.repeat(21)}${Math.abs(i) % 10}`,
        challenge: (i + 2).toString(16).padStart(64, '0'),
      };
      const qr = await QRCode.toDataURL(formatLoginQr(login), { errorCorrectionLevel: 'M', margin: 4, width: 240 });
      const html = `<h1>QR code authentication</h1><img data-sidekey-qr="login" width="240" height="240" src="${qr}"><form><input name="otp" autocomplete="one-time-code"></form>`;
      // WebCrypto needs a secure context: serve the page as http://localhost (routed, no server).
      await page.unrouteAll();
      await page.route('http://localhost/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
      await page.goto('http://localhost/cas/login');
      await page.addScriptTag({ content: script });
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const t = await page.evaluate(async (tx) => {
        type B = {
          ocra(s: string, k: Uint8Array, i: object): Promise<string>;
          fillForSignIn(d: Document, r: object): Promise<{ filled: boolean }>;
          readPageQr(d: Document): Promise<{ payload: string | null }>;
          unwrapSecret(w: object, pin: string): Promise<Uint8Array>;
          wrapSecret(s: Uint8Array, pin: string): Promise<object>;
        };
        const b = (globalThis as unknown as { signInBench: B }).signInBench;
        const wrapped = await b.wrapSecret(crypto.getRandomValues(new Uint8Array(32)), '1234');
        const t0 = performance.now();
        const { payload } = await b.readPageQr(document);
        const t1 = performance.now();
        const key = await b.unwrapSecret(wrapped, '1234');
        const t2 = performance.now();
        const challenge = new URLSearchParams(payload!.split('?')[1]).get('c')!;
        const code = await b.ocra('OCRA-1:HOTP-SHA256-8:QH64', key, { question: challenge });
        const t3 = performance.now();
        const { filled } = await b.fillForSignIn(document, { code, tx, origin: location.origin, submit: false });
        const t4 = performance.now();
        return { read: t1 - t0, unlock: t2 - t1, ocra: t3 - t2, fill: t4 - t3, ok: filled };
      }, login.tx);
      if (!t.ok) throw new Error('The code was not filled in: the bench measures nothing');
      if (i < 0) continue; // the first run warms up
      iterations++;
      times.read!.push(t.read);
      times.unlock!.push(t.unlock);
      times.ocra!.push(t.ocra);
      times.fill!.push(t.fill);
      times.total!.push(t.read + t.unlock + t.ocra + t.fill);
    }
  } finally {
    await browser.close();
  }
  return { steps: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summarise(v)])), iterations };
}
