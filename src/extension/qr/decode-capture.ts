/**
 * The fallback when the page will not let us read an element's pixels
 * (cross-origin image, tainted canvas) or shows its code in no element at all
 * (a CSS background, a grid of boxes): a capture of the visible tab, cropped
 * to where the candidates are — or where the finder patterns in the capture
 * say a code is, turned back upright — and decoded there: at the code's own
 * box by the upright reader, then with a margin by jsQR. Cropping keeps jsQR's work
 * small and its finder-pattern search away from the rest of the page; the
 * scale from CSS pixels to capture pixels covers devicePixelRatio and page zoom
 * alike (capture width / viewport width).
 */
import { findQrCodes, turnUpright, type Turns } from '../../core/qr/find-codes';
import { readUprightQr } from '../../core/qr/read-upright';
import { decodeGeneral } from './read-page-qr';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How the tab is captured: JPEG at quality 92 rather than PNG. The browser encodes a 1080p tab to
 * JPEG in half the time (and a 4K one in 40 %), the bitmap decodes faster too, and the readers
 * are unmoved by the artefacts at this quality (`npm run bench`, "capture" rows: both formats on
 * the same pages, every turn and polarity).
 */
export const CAPTURE_OPTIONS = { format: 'jpeg', quality: 92 } as const;

/** Margin around a candidate, as a fraction of its size: the quiet zone may lie outside the element. */
const MARGIN = 0.1;
/** Frame pixels per CSS pixel at which the whole capture is searched for finder patterns, in turn. */
const FIND_DENSITIES = [2 / 3, 1];
/** Whole-frame decoding is slow on big captures; this is the width it is scaled to first. */
export const FULL_FRAME_WIDTH = 1280;

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function pixels(
  source: CanvasImageSource,
  canvas: Canvas,
  sx: number,
  sy: number,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
) {
  canvas.width = dw;
  canvas.height = dh;
  const context = canvas.getContext('2d', { willReadFrequently: true }) as
    OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  context.drawImage(source, sx, sy, sw, sh, 0, 0, dw, dh);
  return context.getImageData(0, 0, dw, dh).data;
}

/**
 * Decodes the first QR code found in `rects` (CSS pixels of the viewport) of a
 * capture `captureWidth`×`captureHeight` of a viewport `viewportWidth` CSS pixels wide.
 * With no rects (the page shows its code in no element we can read), finds the
 * codes in the whole capture first (FIND_DENSITIES); jsQR on the whole frame,
 * scaled down to FULL_FRAME_WIDTH, is the last resort.
 */
export function decodeCapture(
  source: CanvasImageSource,
  size: { captureWidth: number; captureHeight: number; viewportWidth: number },
  rects: readonly Rect[],
  canvas: Canvas = new OffscreenCanvas(1, 1),
): string | null {
  const scale = size.captureWidth / size.viewportWidth;
  const read = (
    rect: Rect,
    margin: number,
    decode: (data: Uint8ClampedArray, w: number, h: number) => string | null,
  ) => {
    const mx = rect.width * margin;
    const my = rect.height * margin;
    const sx = Math.max(0, Math.floor((rect.x - mx) * scale));
    const sy = Math.max(0, Math.floor((rect.y - my) * scale));
    const sw = Math.min(size.captureWidth - sx, Math.ceil((rect.width + 2 * mx) * scale));
    const sh = Math.min(size.captureHeight - sy, Math.ceil((rect.height + 2 * my) * scale));
    if (sw <= 0 || sh <= 0) return null;
    return decode(pixels(source, canvas, sx, sy, sw, sh, sw, sh), sw, sh);
  };
  // The element's own box holds an upright code with its quiet zone; the margin is for jsQR, which
  // finds a turned code itself.
  const readRect = (rect: Rect, turns: Turns = 0) =>
    read(rect, 0, (data, w, h) => {
      const upright = turnUpright(data, w, h, turns);
      return readUprightQr(upright.data, upright.width, upright.height);
    }) ?? read(rect, MARGIN, decodeGeneral);
  for (const rect of rects) {
    const code = readRect(rect);
    if (code) return code;
  }
  if (rects.length > 0) return null;

  // Reading the whole frame's pixels is most of the cost: two thirds of a pixel per CSS pixel
  // finds codes with modules of 2.25 CSS px and more (the finder needs 1.5 px) at under half of
  // it; smaller modules need the second look (measured in `npm run bench`).
  for (const density of FIND_DENSITIES) {
    const width = Math.round(size.viewportWidth * density);
    const height = Math.round((size.captureHeight / scale) * density);
    const frame = pixels(source, canvas, 0, 0, size.captureWidth, size.captureHeight, width, height);
    for (const box of findQrCodes(frame, width, height)) {
      const code = readRect(
        { x: box.x / density, y: box.y / density, width: box.width / density, height: box.height / density },
        box.turns,
      );
      if (code) return code;
    }
  }
  const factor = Math.min(1, FULL_FRAME_WIDTH / size.captureWidth);
  const dw = Math.round(size.captureWidth * factor);
  const dh = Math.round(size.captureHeight * factor);
  const data = pixels(source, canvas, 0, 0, size.captureWidth, size.captureHeight, dw, dh);
  return decodeGeneral(data, dw, dh);
}
