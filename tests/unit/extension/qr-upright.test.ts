import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { readFoundCodes, turnUpright } from '../../../src/core/qr/find-codes';
import { readUprightQr } from '../../../src/core/qr/read-upright';
import { decodePixels } from '../../../src/extension/qr/read-page-qr';

const ENROLMENT =
  'sidekey://enrol?v=1&origin=https%3A%2F%2Flogin.example.eu&id=AAAAAAAAAAAAAAAAAAAAAA&token=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

interface Picture {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

type Rgba = readonly [number, number, number, number];

interface Drawing {
  /** Pixels per module; fractional scales are drawn with area coverage, as a browser scales an image. */
  scale: number;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  dark?: Rgba;
  light?: Rgba;
  background?: Rgba;
  /** Turn the modules 90° clockwise. */
  turned?: boolean;
}

/** Draws a QR code's modules like a page would show them. */
function draw(text: string, options: Drawing, qr: QRCode.QRCodeOptions = {}): Picture {
  const { size, data: modules } = (
    QRCode.create(text, qr) as unknown as { modules: { size: number; data: Uint8Array } }
  ).modules;
  const { scale, left = 4 * scale, top = 4 * scale } = options;
  const [dark, light, background] = [
    options.dark ?? [0, 0, 0, 255],
    options.light ?? [255, 255, 255, 255],
    options.background ?? options.light ?? [255, 255, 255, 255],
  ];
  const width = options.width ?? Math.ceil(left * 2 + size * scale);
  const height = options.height ?? Math.ceil(top * 2 + size * scale);
  const data = new Uint8ClampedArray(width * height * 4);
  const moduleAt = (row: number, column: number) =>
    options.turned ? modules[(size - 1 - column) * size + row]! : modules[row * size + column]!;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      // Share of this pixel covered by dark modules, and by the symbol at all (4×4 subsamples).
      let darkShare = 0;
      let symbolShare = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const column = Math.floor((x + (sx + 0.5) / 4 - left) / scale);
          const row = Math.floor((y + (sy + 0.5) / 4 - top) / scale);
          if (row < 0 || column < 0 || row >= size || column >= size) continue;
          symbolShare += 1 / 16;
          darkShare += moduleAt(row, column) / 16;
        }
      for (let channel = 0; channel < 4; channel++) {
        const inside = dark[channel]! * darkShare + light[channel]! * (symbolShare - darkShare);
        data[(y * width + x) * 4 + channel] = Math.round(inside + background[channel]! * (1 - symbolShare));
      }
    }
  return { data, width, height };
}

function read({ data, width, height }: Picture) {
  return readUprightQr(data, width, height);
}

describe('reading an upright QR code from pixels', () => {
  it('reads the server’s own PNG (qrcode.toDataURL, 240 px, margin 4)', async () => {
    const url = await QRCode.toDataURL(ENROLMENT, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
    const png = PNG.sync.read(Buffer.from(url.split(',')[1]!, 'base64'));
    expect(read({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height })).toBe(ENROLMENT);
  });

  it.each([
    'sidekey://enrol?v=1&origin=http%3A%2F%2Flocalhost%3A8080&id=461NOdhx7RXGRLOEZmVfmQ&token=m6dPOC70wSSb0EzoPsvOjEMy4YwCMaz1qBRwjl27RIk',
    'sidekey://enrol?v=1&origin=http%3A%2F%2Flocalhost%3A8080&id=Fr3jO_rSLmgEFwZIH87m4g&token=BFJpdGvbLxrzhjFgOfHXDxBzrs5-ePpUwVTstiLBaPs',
  ])('reads server codes jsQR misses (2 of 8,000 random enrolment codes): %s', async (payload) => {
    const url = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
    const png = PNG.sync.read(Buffer.from(url.split(',')[1]!, 'base64'));
    const pixels = { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
    expect(jsQR(pixels.data, pixels.width, pixels.height)).toBeNull();
    expect(read(pixels)).toBe(payload);
  });

  it.each([
    ['whole pixels per module', { scale: 4 }],
    ['a fractional scale, smoothed as a browser scales', { scale: 3.37 }],
    ['two pixels per module', { scale: 2 }],
    ['an uneven margin in a wider picture', { scale: 3, left: 11, top: 37, width: 260, height: 240 }],
    ['dark blue on light grey', { scale: 3.5, dark: [11, 61, 145, 255], light: [230, 233, 240, 255] }],
    ['light on dark (inverted)', { scale: 4, dark: [255, 255, 255, 255], light: [20, 20, 20, 255] }],
    ['a transparent background', { scale: 4, light: [0, 0, 0, 0] }],
  ] as [string, Drawing][])('reads %s', (_name, drawing) => {
    expect(read(draw(ENROLMENT, drawing))).toBe(ENROLMENT);
  });

  it('reads dense codes (version 25, high correction) at 2.5 pixels per module', () => {
    const text = 'x'.repeat(500);
    expect(read(draw(text, { scale: 2.5 }, { version: 25, errorCorrectionLevel: 'H' }))).toBe(text);
  });

  it('reads a code with a logo over its centre (level H, as branded codes are)', () => {
    const picture = draw(ENROLMENT, { scale: 4 }, { errorCorrectionLevel: 'H' });
    const logo = Math.round(picture.width * 0.2);
    const from = Math.round((picture.width - logo) / 2);
    for (let y = from; y < from + logo; y++)
      for (let x = from; x < from + logo; x++) picture.data.set([11, 61, 145, 255], (y * picture.width + x) * 4);
    expect(read(picture)).toBe(ENROLMENT);
  });

  it('reads the smallest code (version 1)', () => {
    expect(read(draw('HELLO', { scale: 5 }, { version: 1 }))).toBe('HELLO');
  });

  it('leaves what it cannot read to the general decoder: null, no exception', () => {
    // Turned 90°: the finder patterns are not where an upright code has them.
    expect(read(draw(ENROLMENT, { scale: 4, turned: true }))).toBeNull();
    // A dark speck in the quiet zone moves the symbol's box.
    const specked = draw(ENROLMENT, { scale: 4 });
    for (const x of [2, 3]) specked.data.set([0, 0, 0, 255], 4 * (2 * specked.width + x));
    expect(read(specked)).toBeNull();
    // Below 1.5 pixels per module.
    expect(read(draw(ENROLMENT, { scale: 1.2 }))).toBeNull();
  });

  it('gives null for pictures that hold no code, and for malformed input', () => {
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const noise = Uint8ClampedArray.from({ length: 200 * 200 * 4 }, (_, i) => (i % 4 === 3 ? 255 : random() * 255));
    expect(readUprightQr(noise, 200, 200)).toBeNull();
    expect(readUprightQr(new Uint8ClampedArray(300 * 300 * 4).fill(255), 300, 300)).toBeNull();
    expect(readUprightQr(new Uint8ClampedArray(10 * 10 * 4), 10, 10)).toBeNull();
    // A buffer that does not match its stated size is refused, not read past.
    expect(readUprightQr(new Uint8ClampedArray(100), 200, 200)).toBeNull();
    // A black square (a photo's dark patch): the box is there but no pattern matches.
    const square = draw(ENROLMENT, { scale: 4 });
    for (let y = 16; y < square.height - 16; y++)
      square.data.fill(0, 4 * (y * square.width + 16), 4 * (y * square.width + square.width - 16));
    for (let i = 3; i < square.data.length; i += 4) square.data[i] = 255;
    expect(read(square)).toBeNull();
  });
});

describe('the extension’s pixel decoder', () => {
  it('reads an element’s code turned by quarter turns, light on dark too, through the finder search (no jsQR)', () => {
    const upright = draw(ENROLMENT, { scale: 4 });
    const inverted = draw(ENROLMENT, { scale: 4, dark: [255, 255, 255, 255], light: [0, 0, 0, 255] });
    for (const image of [upright, inverted])
      for (const turns of [1, 2, 3] as const) {
        const turned = turnUpright(image.data, image.width, image.height, turns);
        expect(read(turned), `${turns} turns`).toBeNull();
        expect(readFoundCodes(turned.data, turned.width, turned.height), `${turns} turns`).toBe(ENROLMENT);
      }
    // Nothing to find in a blank frame, nor in a dark square without finder patterns.
    const blank = { data: new Uint8ClampedArray(100 * 100 * 4).fill(255), width: 100, height: 100 };
    expect(readFoundCodes(blank.data, blank.width, blank.height)).toBeNull();
  });

  it('reads upright codes itself and hands the others to jsQR', () => {
    const upright = draw(ENROLMENT, { scale: 4 });
    expect(decodePixels(upright.data, upright.width, upright.height)).toBe(ENROLMENT);
    const turned = draw(ENROLMENT, { scale: 4, turned: true });
    expect(read(turned)).toBeNull();
    expect(decodePixels(turned.data, turned.width, turned.height)).toBe(ENROLMENT);
    const inverted = draw(ENROLMENT, { scale: 4, turned: true, dark: [255, 255, 255, 255], light: [0, 0, 0, 255] });
    expect(decodePixels(inverted.data, inverted.width, inverted.height)).toBe(ENROLMENT);
  });
});
