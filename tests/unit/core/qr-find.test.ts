import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { findQrCodes, turnUpright, type Box, type FoundCode, type Turns } from '../../../src/core/qr/find-codes';
import { readUprightQr } from '../../../src/core/qr/read-upright';

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

  /**
   * Draws a code with its quiet zone (a white card) at (x, y), `scale` pixels per module, area-sampled;
   * turned `turns` quarter turns clockwise, and light on dark when `inverted`.
   */
  qr(text: string, x: number, y: number, scale: number, turns: Turns = 0, inverted = false): Box {
    const { size, data: upright } = (
      QRCode.create(text, { errorCorrectionLevel: 'M' }) as unknown as {
        modules: { size: number; data: Uint8Array };
      }
    ).modules;
    // Module (r, c) on screen shows the upright module turned back by `turns`.
    const data = new Uint8Array(size * size);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const [ur, uc] =
          turns === 0
            ? [r, c]
            : turns === 1
              ? [size - 1 - c, r]
              : turns === 2
                ? [size - 1 - r, size - 1 - c]
                : [c, size - 1 - r];
        data[r * size + c] = upright[ur * size + uc]!;
      }
    const side = (size + 8) * scale;
    for (let row = Math.floor(y); row < Math.ceil(y + side); row++)
      for (let column = Math.floor(x); column < Math.ceil(x + side); column++) {
        let dark = 0;
        for (let s = 0; s < 4; s++) {
          const r = Math.floor((row + (s >> 1) / 2 + 0.25 - y) / scale) - 4;
          const c = Math.floor((column + (s & 1) / 2 + 0.25 - x) / scale) - 4;
          if (r >= 0 && c >= 0 && r < size && c < size) dark += data[r * size + c]! / 4;
        }
        const v = Math.round(255 * (inverted ? dark : 1 - dark));
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

  find(): FoundCode[] {
    return findQrCodes(this.data, this.width, this.height);
  }
}

const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x &&
  outer.y <= inner.y &&
  outer.x + outer.width >= inner.x + inner.width &&
  outer.y + outer.height >= inner.y + inner.height;

describe('finding QR codes in a whole screen capture', () => {
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
    expect(findQrCodes(new Uint8ClampedArray(16), 100, 100)).toEqual([]);
    expect(findQrCodes(new Uint8ClampedArray(10 * 10 * 4), 10, 10)).toEqual([]);
  });

  describe.each([false, true])('turned codes (inverted: %s)', (inverted) => {
    it.each([0, 1, 2, 3] as const)('finds a code turned %i quarter turns and reads it turned back', (turns) => {
      for (const [scale, seed] of [
        [2, 21],
        [3.37, 22],
        [5, 23],
      ] as const) {
        const frame = new Frame(1280, 800).page(seed + turns);
        const random = rng(seed + 10 * turns);
        const symbol = frame.qr(PAYLOAD, 40 + random() * 800, 80 + random() * 300, scale, turns, inverted);
        const box = frame.find().find((b) => contains(b, symbol));
        expect(box, JSON.stringify({ scale, symbol })).toMatchObject({ turns, inverted });
        const { data, width, height } = frame.crop(box!);
        // As found, the upright reader cannot read a turned code; turned back, it does.
        if (turns !== 0) expect(readUprightQr(data, width, height)).toBeNull();
        const upright = turnUpright(data, width, height, box!.turns);
        expect(readUprightQr(upright.data, upright.width, upright.height)).toBe(PAYLOAD);
      }
    });
  });

  it('keeps polarities apart: finders of a dark and a light code never make one symbol', () => {
    const frame = new Frame(1000, 700).page(30);
    const dark = frame.qr('dark on light', 60, 100, 4);
    const light = frame.qr('light on dark', 520, 100, 4, 1, true);
    const found = frame.find();
    expect(found).toHaveLength(2);
    expect(found.find((b) => contains(b, dark))).toMatchObject({ inverted: false, turns: 0 });
    expect(found.find((b) => contains(b, light))).toMatchObject({ inverted: true, turns: 1 });
  });

  it('turns pixels back by whole quarter turns, swapping width and height', () => {
    // A 3×2 picture, pixel values 1..6 in their red channel (row by row).
    const picture = new Uint8ClampedArray(3 * 2 * 4);
    for (let i = 0; i < 6; i++) picture.set([i + 1, 0, 0, 255], i * 4);
    const reds = (p: { data: Uint8ClampedArray }) => [...p.data].filter((_, i) => i % 4 === 0);
    // 1 2 3 / 4 5 6 turned back a quarter (anticlockwise): 3 6 / 2 5 / 1 4.
    expect(turnUpright(picture, 3, 2, 1)).toMatchObject({ width: 2, height: 3 });
    expect(reds(turnUpright(picture, 3, 2, 1))).toEqual([3, 6, 2, 5, 1, 4]);
    expect(reds(turnUpright(picture, 3, 2, 2))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(reds(turnUpright(picture, 3, 2, 3))).toEqual([4, 1, 5, 2, 6, 3]);
    expect(turnUpright(picture, 3, 2, 0).data).toBe(picture);
    // Not 4-byte aligned (a view one byte in): copied, not misread.
    const offset = new Uint8ClampedArray(picture.length + 1);
    offset.set(picture, 1);
    expect(reds(turnUpright(offset.subarray(1), 3, 2, 2))).toEqual([6, 5, 4, 3, 2, 1]);
  });
});
