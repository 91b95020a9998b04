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
import { findProgram } from '../../scripts/prerequisites.mjs';
import { cssBackgroundPage, drawQrOnCanvas, QR_PAGE_PAYLOAD, qrPageCases } from '../fixtures/qr-pages';

const LOGIN = { origin: 'http://localhost:1', uid: 'n00abc12', tx: 'T'.repeat(22), challenge: 'cd'.repeat(32) };

const qrCases = await qrPageCases(QR_PAGE_PAYLOAD);

describe('page code in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let script = '';

  beforeAll(async () => {
    const entry = path.resolve(import.meta.dirname, '../fixtures/page-code-entry.ts');
    script = (await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife' })).outputFiles[0]!.text;
    browser = await chromium.launch({
      executablePath: findProgram('chromium'),
      args: ['--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  /** The page served at LOGIN.origin (the fill checks the page's own origin). */
  async function load(body: string, origin = LOGIN.origin) {
    await page.unrouteAll();
    await page.route(`${origin}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><body>${body}</body>` }),
    );
    await page.goto(`${origin}/cas/login`);
    await page.addScriptTag({ content: script });
  }
  const qrImg = async (login = LOGIN) =>
    `<img data-sidekey-qr="login" width="240" height="240" src="${await QRCode.toDataURL(formatLoginQr(login), { width: 240, margin: 4 })}">`;
  type Bench = {
    fillForSignIn(doc: Document, r: object): Promise<{ filled: boolean; submitted: boolean; problem: string | null }>;
    watchLoginQr(doc: Document, cb: (p: string) => void): void;
  };
  const fill = (request: object) =>
    page.evaluate((r) => (globalThis as unknown as { pageCode: Bench }).pageCode.fillForSignIn(document, r), {
      origin: LOGIN.origin,
      ...request,
    });

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
    expect(result.problem).toContain('no visible code field Sidekey can fill');
    expect(await page.$$eval('input', (inputs) => inputs.every((i) => (i as HTMLInputElement).value === ''))).toBe(
      true,
    );
  });

  it.each([
    ['inside a display:none parent', '<div style="display:none"><form><input name="otp"></form></div>'],
    ['with opacity 0', '<form><input name="otp" style="opacity:0"></form>'],
    ['inside a transparent parent', '<div style="opacity:0"><form><input name="otp"></form></div>'],
    ['inside a visibility:hidden parent', '<div style="visibility:hidden"><form><input name="otp"></form></div>'],
    ['placed off-screen', '<form><input name="otp" style="position:absolute;left:-9999px;top:0"></form>'],
    ['one pixel in size', '<form><input name="otp" style="width:1px;height:1px;padding:0;border:0"></form>'],
    [
      'covered by another element',
      '<form><input name="otp" style="position:absolute;left:10px;top:300px;width:120px;height:30px"></form><div style="position:absolute;left:0;top:290px;width:300px;height:60px;background:#fff"></div>',
    ],
    [
      'split digits, one hidden',
      `<form>${'<input maxlength="1">'.repeat(7)}<input maxlength="1" style="opacity:0"></form>`,
    ],
  ])('fills nothing into a field %s, and says there is no visible one', async (_name, form) => {
    await load(`${await qrImg()}${form}`);
    const result = await fill({ code: '12345678', tx: LOGIN.tx, submit: true });
    expect(result).toEqual({
      filled: false,
      submitted: false,
      problem: 'The page has no visible code field Sidekey can fill. Type the code yourself.',
    });
    expect(await page.$$eval('input', (inputs) => inputs.every((i) => (i as HTMLInputElement).value === ''))).toBe(
      true,
    );
  });

  it('fills a visible field below the fold, scrolled into view', async () => {
    await load(`${await qrImg()}<div style="height:3000px"></div><form><input name="otp"></form>`);
    expect(await fill({ code: '12345678', tx: LOGIN.tx, submit: false })).toMatchObject({ filled: true });
    expect(await page.inputValue('input')).toBe('12345678');
  });

  it('fills nothing on another origin showing the same sign-in', async () => {
    await load(`${await qrImg()}<form><input name="otp"></form>`, 'http://localhost:2');
    expect(await fill({ code: '12345678', tx: LOGIN.tx, submit: true })).toEqual({
      filled: false,
      submitted: false,
      problem: 'The page now shows another sign-in, so nothing was filled in.',
    });
    expect(await page.inputValue('input')).toBe('');
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
    type Seen = { payload: string | null; others: string[]; unreadable: object[] };
    const read = (all = false) =>
      page.evaluate(
        (all) =>
          (
            globalThis as unknown as {
              pageCode: { readPageQr(doc: Document, options: { all: boolean }): Promise<Seen> };
            }
          ).pageCode.readPageQr(document, { all }),
        all,
      );

    it.each(qrCases.map((c) => [c.name, c] as const))('reads %s', async (_name, qrCase) => {
      await load(qrCase.body);
      if (qrCase.canvas) await page.evaluate(drawQrOnCanvas, qrCase.canvas);
      const seen = await read();
      expect(seen.payload).toBe(qrCase.expected.payload);
      if (qrCase.expected.unreadable) expect(seen.unreadable).toEqual(qrCase.expected.unreadable);
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
      expect(await read()).toEqual({ payload: null, others: [], unreadable: [] });
    });

    it('reads the first code only, or when asked every code the page shows, each once', async () => {
      const img = async (text: string) =>
        `<img width="200" height="200" src="${await QRCode.toDataURL(text, { width: 200, margin: 4 })}">`;
      const [a, b] = ['otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP', 'otpauth://totp/B:b?secret=MFRGGZDFMZTWQ2LK'];
      await load(`${await img(a)}${await img(b)}${await img(a)}`);
      expect(await read()).toEqual({ payload: a, others: [], unreadable: [] });
      expect(await read(true)).toEqual({ payload: a, others: [b], unreadable: [] });
    });
  });

  describe('reading the QR code from a capture of the tab', () => {
    type Look = Parameters<typeof cssBackgroundPage>[2] & { jpeg?: boolean };
    /** The content script's part (nothing to read) and the background's, on a screenshot in place of captureVisibleTab. */
    interface Read {
      code: string | null;
      width: number;
      /** What the finder search alone saw in the whole capture: the turn and polarity of each code. */
      found: { turns: number; inverted: boolean }[];
    }
    async function readCapture(page: Page, dpr: number, look: Look): Promise<Read> {
      await page.setContent(await cssBackgroundPage(QR_PAGE_PAYLOAD, dpr === 1 ? 180 : 240, look));
      await page.addScriptTag({ content: script });
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      // The content script finds nothing to read, and nothing it could point the capture at.
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as { pageCode: { readPageQr(doc: Document): Promise<object> } }).pageCode.readPageQr(
            document,
          ),
        ),
      ).toEqual({ payload: null, others: [], unreadable: [] });
      // captureVisibleTab needs the user's click; a screenshot (PNG as the extension asks, or JPEG's artefacts) stands in.
      const type = look.jpeg ? 'jpeg' : 'png';
      const capture = (await page.screenshot(look.jpeg ? { type, quality: 70 } : { type })).toString('base64');
      return page.evaluate(
        async ({ capture, type }) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/${type};base64,${capture}`)).blob());
          const { pageCode } = globalThis as unknown as {
            pageCode: {
              decodeCapture(source: ImageBitmap, size: object, rects: object[]): string | null;
              findQrCodes(rgba: Uint8ClampedArray, w: number, h: number): { turns: number; inverted: boolean }[];
            };
          };
          const code = pageCode.decodeCapture(
            bitmap,
            { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: innerWidth },
            [],
          );
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(bitmap, 0, 0);
          const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
          const found = pageCode
            .findQrCodes(rgba, bitmap.width, bitmap.height)
            .map(({ turns, inverted }) => ({ turns, inverted }));
          return { code, width: bitmap.width, found };
        },
        { capture, type },
      );
    }

    it.each([1, 2])('finds a code that is in no element, at devicePixelRatio %i', async (dpr) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: dpr });
      try {
        expect(await readCapture(await context.newPage(), dpr, {})).toEqual({
          code: QR_PAGE_PAYLOAD,
          width: 1280 * dpr,
          found: [{ turns: 0, inverted: false }],
        });
      } finally {
        await context.close();
      }
    });

    it.each([1, 2])(
      'finds codes turned a quarter, a half and three quarters, light on dark too, at devicePixelRatio %i',
      async (dpr) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: dpr });
        try {
          const page = await context.newPage();
          const looks: Look[] = [
            { inverted: true },
            ...([90, 180, 270] as const).flatMap((turn) => [{ turn }, { turn, inverted: true }]),
            // Slightly blurred and JPEG-compressed, as a capture of a scaled picture may be.
            { turn: 90, inverted: true, blur: 0.6, jpeg: true },
          ];
          const read: Record<string, Omit<Read, 'width'>> = {};
          for (const look of looks) {
            const { code, found } = await readCapture(page, dpr, look);
            read[JSON.stringify(look)] = { code, found };
          }
          // Decoded, and found by the finder search itself (jsQR, the last resort, is not what read them).
          expect(read).toEqual(
            Object.fromEntries(
              looks.map((look) => [
                JSON.stringify(look),
                {
                  code: QR_PAGE_PAYLOAD,
                  found: [{ turns: (look.turn ?? 0) / 90, inverted: look.inverted ?? false }],
                },
              ]),
            ),
          );
        } finally {
          await context.close();
        }
      },
    );
  });
});
