/**
 * The content script's page code — finding the login QR, filling the code —
 * in a real Chromium DOM, bundled unchanged from src/extension.
 */
import { build } from 'esbuild';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLoginQr } from '../../src/core/login-qr';
import { findBrowser } from '../../scripts/prerequisites.mjs';

const LOGIN = { origin: 'http://localhost:1', uid: 'n00abc12', tx: 'T'.repeat(22), challenge: 'cd'.repeat(32) };

describe('page code in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let script = '';

  beforeAll(async () => {
    const entry = path.resolve(import.meta.dirname, '../fixtures/page-code-entry.ts');
    script = (await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife' })).outputFiles[0]!.text;
    browser = await chromium.launch({
      executablePath: findBrowser('chromium'),
      args: ['--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  async function load(body: string) {
    await page.setContent(`<!doctype html><body>${body}</body>`);
    await page.addScriptTag({ content: script });
  }
  const qrImg = async (login = LOGIN) =>
    `<img data-sidekey-qr="login" width="240" height="240" src="${await QRCode.toDataURL(formatLoginQr(login), { width: 240, margin: 4 })}">`;
  type Bench = {
    fillForSignIn(doc: Document, r: object): Promise<{ filled: boolean; submitted: boolean; problem: string | null }>;
    watchLoginQr(doc: Document, cb: (p: string) => void): void;
  };
  const fill = (request: object) =>
    page.evaluate((r) => (globalThis as unknown as { pageCode: Bench }).pageCode.fillForSignIn(document, r), request);

  it('types the code into a single field, firing the events frameworks listen to', async () => {
    await load(`${await qrImg()}<form><input name="otp" autocomplete="one-time-code"></form>
<script>window.events=[];for(const t of ['keydown','input','keyup','change'])document.querySelector('input').addEventListener(t,e=>events.push(t+':'+(e.data??e.key??'')));</script>`);
    expect(await fill({ code: '12345678', tx: LOGIN.tx, submit: false })).toEqual({
      filled: true,
      submitted: false,
      problem: null,
    });
    expect(await page.inputValue('input')).toBe('12345678');
    const events = await page.evaluate(() => (globalThis as unknown as { events: string[] }).events);
    expect(events.filter((e) => e.startsWith('input:'))).toHaveLength(8);
    expect(events.at(-1)).toBe('change:');
  });

  it('fills split one-digit fields and submits the form when asked', async () => {
    await load(
      `${await qrImg()}<form onsubmit="event.preventDefault();document.body.dataset.sent='yes'">${'<input maxlength="1">'.repeat(8)}</form>`,
    );
    expect(await fill({ code: '87654321', tx: LOGIN.tx, submit: true })).toEqual({
      filled: true,
      submitted: true,
      problem: null,
    });
    expect(await page.$$eval('input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value).join(''))).toBe(
      '87654321',
    );
    expect(await page.evaluate(() => document.body.dataset.sent)).toBe('yes');
  });

  it.each([
    ['a disabled field', '<form><input name="otp" disabled></form>'],
    ['a read-only field', '<form><input name="otp" readonly></form>'],
    ['no field at all', '<form><input name="search"></form>'],
  ])('fills nothing into %s, and says so', async (_name, form) => {
    await load(`${await qrImg()}${form}`);
    const result = await fill({ code: '12345678', tx: LOGIN.tx, submit: true });
    expect(result).toMatchObject({ filled: false, submitted: false });
    expect(result.problem).toContain('no code field Sidekey can fill');
    expect(await page.$$eval('input', (inputs) => inputs.every((i) => (i as HTMLInputElement).value === ''))).toBe(
      true,
    );
  });

  it('fills nothing when the page swapped the QR for another sign-in after it was read', async () => {
    await load(`${await qrImg({ ...LOGIN, tx: 'S'.repeat(22) })}<form><input name="otp"></form>`);
    expect(await fill({ code: '12345678', tx: LOGIN.tx, submit: true })).toEqual({
      filled: false,
      submitted: false,
      problem: 'The page now shows another sign-in, so nothing was filled in.',
    });
    expect(await page.inputValue('input')).toBe('');
  });

  it('notices a login QR drawn after the page loaded, without polling', async () => {
    await load('<div id="slot"></div>');
    await page.evaluate(() => {
      (globalThis as unknown as { seen: string[] }).seen = [];
      (globalThis as unknown as { pageCode: Bench }).pageCode.watchLoginQr(document, (p) =>
        (globalThis as unknown as { seen: string[] }).seen.push(p),
      );
    });
    const img = await qrImg();
    await page.evaluate((html) => {
      document.getElementById('slot')!.innerHTML = html;
    }, img);
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen))
      .toEqual([formatLoginQr(LOGIN)]);
  });

  describe('reading the QR code from the element that shows it', () => {
    const payload = formatLoginQr(LOGIN);
    const read = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            pageCode: { readPageQr(doc: Document): Promise<{ payload: string | null; unreadable: object[] }> };
          }
        ).pageCode.readPageQr(document),
      );
    /** Draws the code's PNG on the page's canvas, turned by `degrees`. */
    const drawCanvas = async (degrees: number) =>
      page.evaluate(
        async ({ png, degrees }) => {
          const canvas = document.querySelector('canvas')!;
          const image = new Image();
          image.src = png;
          await image.decode();
          const context = canvas.getContext('2d')!;
          context.resetTransform();
          context.fillStyle = '#fff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.translate(canvas.width / 2, canvas.height / 2);
          context.rotate((degrees * Math.PI) / 180);
          context.drawImage(image, -image.width / 2, -image.height / 2);
        },
        { png: await QRCode.toDataURL(payload, { width: 240, margin: 4 }), degrees },
      );
    const svg = (options: QRCode.QRCodeToStringOptions = {}) =>
      QRCode.toString(payload, { type: 'svg', margin: 4, ...options });

    it('reads an image, also when CSS shows it at another size', async () => {
      await load(await qrImg());
      expect((await read()).payload).toBe(payload);
      await load((await qrImg()).replace('<img ', '<img style="width:150px;height:150px" '));
      expect((await read()).payload).toBe(payload);
    });

    it('reads a canvas, upright or turned (the general decoder)', async () => {
      await load('<canvas width="340" height="340"></canvas>');
      await drawCanvas(0);
      expect((await read()).payload).toBe(payload);
      await drawCanvas(90);
      expect((await read()).payload).toBe(payload);
    });

    it('reads an inline svg that the page positions and sizes with CSS, light on dark too', async () => {
      const positioned = (await svg()).replace(
        '<svg ',
        '<svg style="position:absolute;left:300px;top:200px;width:220px;height:220px" ',
      );
      await load(positioned);
      expect((await read()).payload).toBe(payload);
      await load(await svg({ width: 240, color: { dark: '#ffffffff', light: '#0b3d91ff' } }));
      expect((await read()).payload).toBe(payload);
    });

    it('reads an svg whose modules take their colour from the page’s style sheet', async () => {
      const styled = (await svg({ width: 240 })).replace(/stroke="#000000"/, 'class="modules"');
      await load(`<style>.modules{stroke:#000}</style>${styled}`);
      expect((await read()).payload).toBe(payload);
    });

    it('hands an svg it can neither draw nor have drawn to the capture fallback, with where it is', async () => {
      // Text makes it more than plain shapes, and the copy on its own lacks the page's style sheet.
      const styled = (await svg({ width: 240 }))
        .replace(/stroke="#000000"/, 'class="modules"')
        .replace('</svg>', '<text x="1" y="2" font-size="1">QR</text></svg>')
        .replace('<svg ', '<svg style="position:absolute;left:40px;top:30px" ');
      await load(`<style>.modules{stroke:#000}</style>${styled}`);
      const seen = await read();
      expect(seen.payload).toBeNull();
      expect(seen.unreadable).toEqual([{ x: 40, y: 30, width: 240, height: 240 }]);
    });

    it('draws an svg of rects inside transformed groups, and one with a gradient through the browser', async () => {
      const { size, data } = (QRCode.create(payload, {}) as unknown as { modules: { size: number; data: Uint8Array } })
        .modules;
      const rects = [...data]
        .map((dark, i) => (dark ? `<rect x="${i % size}" y="${Math.floor(i / size)}" width="1" height="1"/>` : ''))
        .join('');
      const view = `viewBox="-4 -4 ${size + 8} ${size + 8}" width="250" height="250"`;
      await load(`<svg ${view}><g transform="translate(0 0)"><g fill="#123">${rects}</g></g></svg>`);
      expect((await read()).payload).toBe(payload);
      const gradient =
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#223"/></linearGradient></defs>';
      await load(`<svg ${view}>${gradient}<g fill="url(#g)">${rects}</g></svg>`);
      expect((await read()).payload).toBe(payload);
    });

    it('reports nothing for pictures that are no QR code', async () => {
      await load('<canvas width="200" height="200"></canvas>');
      await page.evaluate(() => {
        const context = document.querySelector('canvas')!.getContext('2d')!;
        for (let i = 0; i < 400; i++) {
          context.fillStyle = `hsl(${i * 37}, 60%, ${(i * 13) % 100}%)`;
          context.fillRect((i * 53) % 200, (i * 31) % 200, 17, 11);
        }
      });
      expect(await read()).toEqual({ payload: null, unreadable: [] });
    });
  });

  describe('reading the QR code from a capture of the tab', () => {
    const payload = formatLoginQr(LOGIN);
    /** A page whose code is a CSS background: no element holds its pixels. */
    const cssPage = async (size: number) => {
      const png = await QRCode.toDataURL(payload, { width: size, margin: 4 });
      const words = 'Sign in with your EU Login account using the mobile app '.repeat(60);
      return `<!doctype html><body style="margin:0;font:16px sans-serif;background:#f4f6fb">
<header style="background:#0b3d91;color:#fff;padding:20px">EU Login</header><p style="padding:20px">${words}</p>
<div id="code" style="position:absolute;left:610px;top:170px;width:${size}px;height:${size}px;background:url(${png})"></div></body>`;
    };

    it.each([1, 2])('finds a code that is in no element, at devicePixelRatio %i', async (dpr) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: dpr });
      try {
        const capturePage = await context.newPage();
        await capturePage.setContent(await cssPage(dpr === 1 ? 180 : 240));
        await capturePage.addScriptTag({ content: script });
        await capturePage.waitForFunction(() => document.fonts.status === 'loaded');
        // The content script finds nothing to read, and nothing it could point the capture at.
        expect(
          await capturePage.evaluate(() =>
            (globalThis as unknown as { pageCode: { readPageQr(doc: Document): Promise<object> } }).pageCode.readPageQr(
              document,
            ),
          ),
        ).toEqual({ payload: null, unreadable: [] });
        // The background's part, on a screenshot in place of captureVisibleTab (which needs the user's click).
        const capture = (await capturePage.screenshot({ type: 'png' })).toString('base64');
        const found = await capturePage.evaluate(async (capture) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${capture}`)).blob());
          const code = (
            globalThis as unknown as {
              pageCode: { decodeCapture(source: ImageBitmap, size: object, rects: object[]): string | null };
            }
          ).pageCode.decodeCapture(
            bitmap,
            { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: innerWidth },
            [],
          );
          return { code, width: bitmap.width };
        }, capture);
        expect(found).toEqual({ code: payload, width: 1280 * dpr });
      } finally {
        await context.close();
      }
    });
  });
});
