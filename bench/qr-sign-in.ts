/**
 * The QR sign-in's steps in real Chromium, with the extension's own code, one by one:
 * read (decode the login QR from the element), unlock (PBKDF2 + AES-CTR unwrap, and the
 * HMAC key imported once), OCRA (RFC 6287), fill (check the page still shows that sign-in,
 * type the code). These are the parts; what the user waits for, messages and popup included,
 * is bench/extension-flows.ts.
 */
import { build } from 'esbuild';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium } from 'playwright-core';
import { formatLoginQr } from '../src/core/login-qr';
import { findProgram } from '../scripts/prerequisites.mjs';
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
    executablePath: findProgram('chromium'),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const times: Record<string, number[]> = {
    read: [],
    unlock: [],
    ocra: [],
    'ocra, mean of 200 with the key imported once': [],
    'ocra, mean of 200 with the raw key imported at each call (before)': [],
    'plain HMAC-SHA256, mean of 200 (baseline)': [],
    fill: [],
    total: [],
  };
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
          ocra(s: string, k: Uint8Array | CryptoKey, i: object): Promise<string>;
          importOcraKey(s: string, k: Uint8Array): Promise<CryptoKey>;
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
        // The unlock: the PIN unwraps the secret, imported once as the HMAC key (background/unlock.ts).
        const raw = await b.unwrapSecret(wrapped, '1234');
        const key = await b.importOcraKey('OCRA-1:HOTP-SHA256-8:QH64', raw);
        const t2 = performance.now();
        const challenge = new URLSearchParams(payload!.split('?')[1]).get('c')!;
        const code = await b.ocra('OCRA-1:HOTP-SHA256-8:QH64', key, { question: challenge });
        const t3 = performance.now();
        // Beside it, 200 codes each way, in turn: with the imported key, with the raw key imported at
        // each call (before), and a bare HMAC over the same 163 bytes (a plain implementation).
        const suite = 'OCRA-1:HOTP-SHA256-8:QH64';
        // (No named functions in here: the bundler's naming helper does not exist in the page.)
        const means: number[] = [];
        for (const work of [
          () => b.ocra(suite, key, { question: challenge }),
          () => b.ocra(suite, raw, { question: challenge }),
          () => crypto.subtle.sign('HMAC', key, new Uint8Array(163)),
        ]) {
          const start = performance.now();
          for (let k = 0; k < 200; k++) await work();
          means.push((performance.now() - start) / 200);
        }
        const [perImported, perCall, plain] = means;
        const start = performance.now();
        const { filled } = await b.fillForSignIn(document, { code, tx, origin: location.origin, submit: false });
        const fill = performance.now() - start;
        return { read: t1 - t0, unlock: t2 - t1, ocra: t3 - t2, perImported, perCall, plain, fill, ok: filled };
      }, login.tx);
      if (!t.ok) throw new Error('The code was not filled in: the bench measures nothing');
      if (i < 0) continue; // the first run warms up
      iterations++;
      times.read!.push(t.read);
      times.unlock!.push(t.unlock);
      times.ocra!.push(t.ocra);
      times['ocra, mean of 200 with the key imported once']!.push(t.perImported!);
      times['ocra, mean of 200 with the raw key imported at each call (before)']!.push(t.perCall!);
      times['plain HMAC-SHA256, mean of 200 (baseline)']!.push(t.plain!);
      times.fill!.push(t.fill);
      times.total!.push(t.read + t.unlock + t.ocra + t.fill);
    }
  } finally {
    await browser.close();
  }
  return { steps: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summarise(v)])), iterations };
}
