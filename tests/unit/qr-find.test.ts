import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { findUprightQrBoxes, type Box } from '../../src/core/qr/find-upright';
import { readUprightQr } from '../../src/core/qr/read-upright';

const PAYLOAD =
  'sidekey://enrol?v=1&origin=https%3A%2F%2Flogin.example.eu&id=AAAAAAAAAAAAAAAAAAAAAA&token=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** A screen-like RGBA frame: light page, a dark header, lines of "text", a noise photo. */
class Frame {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
    this.fill(0, 0, width, height, [244, 246, 251]);
  }

  fill(x: number, y: number, w: number, h: number, rgb: readonly number[]): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++)
      for (let column = Math.max(0, x); column < Math.min(this.width, x + w); column++)
        this.data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], (row * this.width + column) * 4);
  }

  page(seed: number): this {
    const random = rng(seed);
    this.fill(0, 0, this.width, 60, [11, 61, 145]);
    // Text: lines of dark "letters" of varying widths.
    for (let y = 90; y < this.height - 20; y += 22)
      for (let x = 20; x < this.width - 40; x += 4 + Math.floor(random() * 9))
        if (random() < 0.7) this.fill(x, y, 1 + Math.floor(random() * 3), 9 + Math.floor(random() * 5), [51, 51, 51]);
    // A photo: coloured noise.
    const px = Math.floor(random() * (this.width - 360));
    const py = 100 + Math.floor(random() * (this.height - 360));
    for (let y = py; y < py + 240; y++)
      for (let x = px; x < px + 360; x++) {
        const base = random() * 255;
        this.data.set(
          [base, (base + random() * 80) % 255, (base * 0.6 + random() * 120) % 255, 255],
          (y * this.width + x) * 4,
        );
      }
    return this;
  }

  /** Draws a code with its quiet zone (a white card) at (x, y), `scale` pixels per module, area-sampled. */
  qr(text: string, x: number, y: number, scale: number): Box {
    const { size, data } = (
      QRCode.create(text, { errorCorrectionLevel: 'M' }) as unknown as {
        modules: { size: number; data: Uint8Array };
      }
    ).modules;
    const side = (size + 8) * scale;
    for (let row = Math.floor(y); row < Math.ceil(y + side); row++)
      for (let column = Math.floor(x); column < Math.ceil(x + side); column++) {
        let dark = 0;
        for (let s = 0; s < 4; s++) {
          const r = Math.floor((row + (s >> 1) / 2 + 0.25 - y) / scale) - 4;
          const c = Math.floor((column + (s & 1) / 2 + 0.25 - x) / scale) - 4;
          if (r >= 0 && c >= 0 && r < size && c < size) dark += data[r * size + c]! / 4;
        }
        const v = Math.round(255 * (1 - dark));
        this.fill(column, row, 1, 1, [v, v, v]);
      }
    return { x: x + 4 * scale, y: y + 4 * scale, width: size * scale, height: size * scale };
  }

  crop(box: Box): { data: Uint8ClampedArray; width: number; height: number } {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const width = Math.min(this.width, Math.ceil(box.x + box.width)) - x0;
    const height = Math.min(this.height, Math.ceil(box.y + box.height)) - y0;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let row = 0; row < height; row++)
      data.set(
        this.data.subarray(((y0 + row) * this.width + x0) * 4, ((y0 + row) * this.width + x0 + width) * 4),
        row * width * 4,
      );
    return { data, width, height };
  }

  find(): Box[] {
    return findUprightQrBoxes(this.data, this.width, this.height);
  }
}

const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x &&
  outer.y <= inner.y &&
  outer.x + outer.width >= inner.x + inner.width &&
  outer.y + outer.height >= inner.y + inner.height;

describe('finding upright QR codes in a whole screen capture', () => {
  it.each([
    [2, 1],
    [2.5, 2],
    [3.37, 3],
    [4, 4],
    [6, 5],
  ])('finds the code among text, a header and a photo (%s px per module, page %i)', (scale, seed) => {
    const frame = new Frame(1280, 800).page(seed);
    const random = rng(seed + 100);
    const symbol = frame.qr(PAYLOAD, 40 + random() * 800, 80 + random() * 300, scale);
    const boxes = frame.find();
    const box = boxes.find((b) => contains(b, symbol));
    expect(box, JSON.stringify({ symbol, boxes })).toBeDefined();
    // Within a module of the symbol plus two modules of quiet zone on each side.
    expect(Math.abs(box!.width - (symbol.width + 4 * scale))).toBeLessThan(2 * scale);
    const { data, width, height } = frame.crop(box!);
    expect(readUprightQr(data, width, height)).toBe(PAYLOAD);
  });

  it('still finds the code below a large noisy picture', () => {
    const frame = new Frame(1280, 900);
    const random = rng(12);
    for (let y = 0; y < 560; y++)
      for (let x = 0; x < 1280; x++) {
        const v = random() < 0.5 ? 20 : 235;
        frame.data.set([v, v, v, 255], (y * 1280 + x) * 4);
      }
    const symbol = frame.qr(PAYLOAD, 500, 580, 4);
    expect(frame.find().some((b) => contains(b, symbol))).toBe(true);
  });

  it('finds every code on a page that shows two', () => {
    const frame = new Frame(1000, 600).page(8);
    const first = frame.qr('first code', 60, 100, 4);
    const second = frame.qr('second code', 600, 250, 3);
    const boxes = frame.find();
    expect(boxes.some((b) => contains(b, first))).toBe(true);
    expect(boxes.some((b) => contains(b, second))).toBe(true);
  });

  it('finds nothing where no code is, and bounds its work on pictures full of stripes', () => {
    expect(new Frame(800, 600).page(9).find()).toEqual([]);
    // Every row a run of finder-like stripes: hits are capped, boxes too.
    const stripes = new Frame(600, 600);
    for (let x = 0; x < 600; x += 14) {
      stripes.fill(x, 0, 2, 600, [0, 0, 0]);
      stripes.fill(x + 4, 0, 6, 600, [0, 0, 0]);
      stripes.fill(x + 12, 0, 2, 600, [0, 0, 0]);
    }
    expect(stripes.find().length).toBeLessThanOrEqual(8);
  });

  it('refuses malformed input', () => {
    expect(findUprightQrBoxes(new Uint8ClampedArray(16), 100, 100)).toEqual([]);
    expect(findUprightQrBoxes(new Uint8ClampedArray(10 * 10 * 4), 10, 10)).toEqual([]);
  });
});
