/**
 * QR read time in real Chromium, with the extension's own reading code, on
 * generated login-like pages (text, a noise "photo", coloured blocks, the code
 * at a random place and size, as an image, a canvas or an inline svg in turn):
 * - targeted: the content script's element read (readPageQr): truly cold (a new browser
 *   context, so a new renderer, and its first page), the first read of a script injected
 *   into a renderer that has read before, the same read once the decoder is compiled, and the
 *   first read after the warm-up the content script runs when the page is idle (what a user
 *   meets); pooled over the pages at devicePixelRatio 1 and 2;
 * - capture fallback: a capture of the viewport (JPEG, as the extension asks for it) decoded
 *   and cropped to the element (decodeCapture), at 1920×1080 with devicePixelRatio 1 and 2;
 *   the capture with no element to go by is bench/capture.ts, in the extension's worker.
 * Time runs from "the QR is on the page" (and, for captures, the capture's data URL in
 * hand) to "payload decoded".
 */
import { build } from 'esbuild';
import path from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { chromium, type Page } from 'playwright-core';
import { findProgram } from '../scripts/prerequisites.mjs';
import { summarise, type Summary } from './stats';

const PAGES = 30;
const COLD_PAGES = 15;

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function noisePng(width: number, height: number, random: () => number): string {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    const base = random() * 255;
    png.data[i] = base;
    png.data[i + 1] = (base + random() * 80) % 255;
    png.data[i + 2] = (base * 0.6 + random() * 120) % 255;
    png.data[i + 3] = 255;
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

/**
 * The code as pages show it, in turn: a PNG image (as our server does), a
 * canvas the page drew it on, an inline svg, and a canvas whose own pixels are
 * turned a quarter (read through the finder search; jsQR alone beside it as the
 * baseline). `showQr` finishes drawing the canvases.
 */
const QR_KINDS = ['image', 'canvas', 'svg', 'turned canvas'] as const;

function qrElement(kind: number, qr: { png: string; svg: string; size: number; style: string }): string {
  const box = `id="qr" width="${qr.size}" height="${qr.size}" style="${qr.style}"`;
  if (kind === 0) return `<img ${box} src="${qr.png}">`;
  if (kind === 1) return `<canvas ${box} data-src="${qr.png}"></canvas>`;
  if (kind === 3) return `<canvas ${box} data-src="${qr.png}" data-turn="1"></canvas>`;
  return qr.svg.replace(/^<svg /, `<svg ${box} `).replace(/ width="\d+" height="\d+"(?= viewBox)/, '');
}

/** Waits until the code is on the page: the image decoded, the canvas drawn. */
async function showQr(page: Page): Promise<void> {
  await page.locator('#qr').evaluate(async (el) => {
    if (el instanceof HTMLImageElement) await el.decode();
    if (el instanceof HTMLCanvasElement) {
      const image = new Image();
      image.src = el.dataset.src!;
      await image.decode();
      const context = el.getContext('2d')!;
      if (el.dataset.turn) {
        context.translate(el.width / 2, el.height / 2);
        context.rotate(Math.PI / 2);
        context.translate(-el.width / 2, -el.height / 2);
      }
      context.drawImage(image, 0, 0, el.width, el.height);
    }
  });
}

async function loginPage(index: number): Promise<{ html: string; payload: string }> {
  const random = rng(index + 1);
  const payload = `sidekey://enrol?v=1&origin=https%3A%2F%2Flogin.example.eu&id=${'A'.repeat(21)}${index % 10}&token=${'b'.repeat(43)}`;
  const size = 160 + Math.floor(random() * 140);
  const qr = await QRCode.toDataURL(payload, { width: size, margin: 4 });
  const svg = await QRCode.toString(payload, { type: 'svg', width: size, margin: 4 });
  const left = 40 + Math.floor(random() * 1200);
  const top = 120 + Math.floor(random() * 600);
  const words = 'Sign in to continue with your EU Login account verification method password security key'.split(' ');
  const text = Array.from({ length: 300 }, () => words[Math.floor(random() * words.length)]).join(' ');
  const html = `<!doctype html><html><body style="margin:0;font:16px sans-serif;background:#f4f6fb">
<header style="background:#0b3d91;color:#fff;padding:20px;font-size:24px">EU Login</header>
<img src="${noisePng(360, 240, random)}" style="position:absolute;left:${(left + 500) % 1500}px;top:${(top + 300) % 800}px">
<div style="position:absolute;left:${(left + 900) % 1600}px;top:90px;width:300px;height:200px;background:hsl(${index * 37},60%,60%)"></div>
<p style="max-width:1800px;padding:20px;color:#333">${text}</p>
${qrElement(index % QR_KINDS.length, { png: qr, svg, size, style: `position:absolute;left:${left}px;top:${top}px` })}
</body></html>`;
  return { html, payload };
}

export interface QrBenchRow {
  metric: string;
  summary: Summary;
  decoded: number;
  pages: number;
}

export async function benchQrRead(): Promise<QrBenchRow[]> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'qr-page-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
  });
  const script = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: findProgram('chromium'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  const rows: QrBenchRow[] = [];
  // Element reads do not depend on devicePixelRatio much; they are pooled over both runs (60 pages).
  const targeted: number[] = [];
  const byKind = QR_KINDS.map((): number[] => []);
  const turnedJsQr: number[] = [];
  const okByKind = QR_KINDS.map(() => 0);
  const warm: number[] = [];
  const cold: number[] = [];
  let okCold = 0;
  const idle: number[] = [];
  let okIdle = 0;
  let okTargeted = 0;
  try {
    for (const dpr of [1, 2]) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: dpr });
      const page = await context.newPage();
      const fallback: number[] = [];
      let okFallback = 0;
      // Page -1 warms the JIT up and is not counted, as a content script that has run before.
      for (let i = -1; i < PAGES; i++) {
        const { html, payload } = await loginPage(i + PAGES);
        await page.setContent(html);
        await page.addScriptTag({ content: script });
        await showQr(page);
        const capture = (await page.screenshot({ type: 'jpeg', quality: 92 })).toString('base64');
        const result = await page.evaluate(
          async ({ capture }) => {
            const bench = (globalThis as unknown as { sidekeyBench: Record<string, (...args: never[]) => unknown> })
              .sidekeyBench as unknown as {
              readPageQr(doc: Document): Promise<{ payload: string | null }>;
              decodeCapture(source: CanvasImageSource, size: object, rects: object[]): string | null;
              decodeGeneral(data: Uint8ClampedArray, width: number, height: number): string | null;
            };
            let start = performance.now();
            const element = (await bench.readPageQr(document)).payload;
            const targetedMs = performance.now() - start;
            // The same read again on this page: what remains once the decoder's code is compiled.
            start = performance.now();
            await bench.readPageQr(document);
            const warmMs = performance.now() - start;
            start = performance.now();
            const bitmap = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${capture}`)).blob());
            const rect = document.getElementById('qr')!.getBoundingClientRect();
            const size = { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: innerWidth };
            const cropped = bench.decodeCapture(bitmap, size, [
              { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
            ]);
            const fallbackMs = performance.now() - start;
            // The baseline for a turned canvas: its pixels, as the element read scales them, through jsQR alone.
            const qr = document.getElementById('qr')!;
            let jsQrMs: number | null = null;
            if (qr instanceof HTMLCanvasElement && qr.dataset.turn) {
              const side = Math.min(200, qr.width);
              const copy = document.createElement('canvas');
              copy.width = copy.height = side;
              const context = copy.getContext('2d', { willReadFrequently: true })!;
              context.fillStyle = '#fff';
              context.fillRect(0, 0, side, side);
              context.drawImage(qr, 0, 0, side, side);
              const { data } = context.getImageData(0, 0, side, side);
              start = performance.now();
              jsQrMs = bench.decodeGeneral(data, side, side) === element ? performance.now() - start : null;
            }
            return { element, targetedMs, warmMs, cropped, fallbackMs, jsQrMs };
          },
          { capture },
        );
        if (i < 0) continue;
        targeted.push(result.targetedMs);
        // The kind of the page's code, as loginPage chose it from the same index.
        const kind = (i + PAGES) % QR_KINDS.length;
        byKind[kind]!.push(result.targetedMs);
        if (result.jsQrMs !== null) turnedJsQr.push(result.jsQrMs);
        okByKind[kind]! += Number(result.element === payload);
        warm.push(result.warmMs);
        fallback.push(result.fallbackMs);
        okTargeted += Number(result.element === payload);
        okFallback += Number(result.cropped === payload);
        // The page again, as the extension meets it: the content script injected at
        // document_idle has warmed its decoder up before the user opens the popup.
        await page.setContent(html);
        await page.addScriptTag({ content: script });
        await showQr(page);
        const afterIdle = await page.evaluate(async () => {
          const bench = (globalThis as unknown as { sidekeyBench: Record<string, unknown> })
            .sidekeyBench as unknown as {
            readPageQr(doc: Document): Promise<{ payload: string | null }>;
            warmUpDecoder(): string | null;
          };
          bench.warmUpDecoder();
          const start = performance.now();
          const payload = (await bench.readPageQr(document)).payload;
          return { payload, ms: performance.now() - start };
        });
        idle.push(afterIdle.ms);
        okIdle += Number(afterIdle.payload === payload);
      }
      rows.push({
        metric: `QR read, capture fallback: JPEG decoded, cropped to the element, read 1080p dpr ${dpr}`,
        summary: summarise(fallback),
        decoded: okFallback,
        pages: PAGES,
      });
      await context.close();
    }
    // Truly cold: a new context is a new renderer, and this is its first page and first read.
    for (let i = 0; i < COLD_PAGES; i++) {
      const { html, payload } = await loginPage(i + 3 * PAGES);
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.setContent(html);
      await page.addScriptTag({ content: script });
      await showQr(page);
      const first = await page.evaluate(async () => {
        const bench = (globalThis as unknown as { sidekeyBench: Record<string, unknown> }).sidekeyBench as unknown as {
          readPageQr(doc: Document): Promise<{ payload: string | null }>;
        };
        const start = performance.now();
        const read = (await bench.readPageQr(document)).payload;
        return { read, ms: performance.now() - start };
      });
      cold.push(first.ms);
      okCold += Number(first.read === payload);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const row = { decoded: okTargeted, pages: targeted.length };
  rows.push({
    metric: 'QR read, targeted element, cold (new renderer, its first page and read)',
    summary: summarise(cold),
    decoded: okCold,
    pages: cold.length,
  });
  rows.push({
    metric: 'QR read, targeted element (first read of a script new to the page, in a renderer that has read before)',
    summary: summarise(targeted),
    ...row,
  });
  QR_KINDS.forEach((kind, k) =>
    rows.push({
      metric: `QR read, targeted element (first read on the page), ${kind} only`,
      summary: summarise(byKind[k]!),
      decoded: okByKind[k]!,
      pages: byKind[k]!.length,
    }),
  );
  rows.push({
    metric: 'baseline: the same turned canvases through jsQR alone (the way before the finder search)',
    summary: summarise(turnedJsQr),
    decoded: turnedJsQr.length,
    pages: byKind[3]!.length,
  });
  rows.push({ metric: 'QR read, targeted element (decoder already compiled)', summary: summarise(warm), ...row });
  rows.push({
    metric: 'QR read, targeted element (after the content script’s idle warm-up)',
    summary: summarise(idle),
    decoded: okIdle,
    pages: idle.length,
  });
  return rows;
}
