/**
 * Finds the QR code on the page and decodes it from the element's own pixels
 * (img, canvas, svg), in the content script. Reading the element is fast and
 * exact; a capture of the tab is the fallback for elements whose pixels are
 * off limits (cross-origin images, tainted canvases) and for codes in no
 * element (decode-capture.ts).
 */
import jsQR from 'jsqr';
import { readFoundCodes } from '../../core/qr/find-codes';
import { readUprightQr } from '../../core/qr/read-upright';
import { drawSvg } from './draw-svg';

const MIN_SIDE = 48;
/**
 * Elements are decoded at most this big: decoding costs grow with the pixel
 * count, and 3–4 pixels per module suffice (an enrolment code has ~57 modules
 * with its quiet zone). Measured in `npm run bench`.
 */
export const DECODE_MAX_SIDE = 200;

/** Elements that may show a QR code, the server's marked one first. */
export function qrCandidates(doc: Document): Element[] {
  const marked = [...doc.querySelectorAll('[data-sidekey-qr]')];
  const others = [...doc.querySelectorAll('img, canvas, svg')].filter((el) => {
    if (marked.includes(el)) return false;
    const { width, height } = el.getBoundingClientRect();
    return width >= MIN_SIDE && height >= MIN_SIDE && Math.abs(width - height) / Math.max(width, height) < 0.25;
  });
  return [...marked, ...others];
}

/** An svg as a copy the browser draws on its own, at the size the page shows it. */
async function svgCopy(el: SVGSVGElement): Promise<HTMLImageElement | null> {
  // The page's positioning (its style attribute: position, left, top…) would move the drawing
  // out of its own image; the copy keeps only its size.
  const copy = el.cloneNode(true) as SVGSVGElement;
  const { width, height } = el.getBoundingClientRect();
  copy.removeAttribute('style');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await img.decode().catch(() => undefined);
  return img.naturalWidth > 0 ? img : null;
}

/** Ways to get an element's pixels, cheapest first. */
function imagesOf(el: Element, doc: Document): (() => Promise<CanvasImageSource | null>)[] {
  if (el instanceof HTMLImageElement) {
    return [
      async () => {
        if (!el.complete) await el.decode().catch(() => undefined);
        return el.naturalWidth > 0 ? el : null;
      },
    ];
  }
  if (el instanceof HTMLCanvasElement) return [async () => el];
  if (el instanceof SVGSVGElement) return [async () => drawSvg(el, doc), () => svgCopy(el)];
  return [];
}

function sizeOf(source: CanvasImageSource, el: Element): { width: number; height: number } {
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  if (source instanceof HTMLCanvasElement) return { width: source.width, height: source.height };
  const rect = el.getBoundingClientRect();
  return { width: Math.round(rect.width), height: Math.round(rect.height) };
}

/** Beyond this, even the retry at full size is scaled down. */
const FULL_MAX_SIDE = 480;

/**
 * The decoded text of one element's QR code, or null. Throws SecurityError for
 * tainted pixels. Tries small first (fast); a dense code blurred by the
 * scaling is tried again at its own size. An svg is drawn from its shapes
 * first, then, if that does not read, as a copy the browser draws.
 */
export async function decodeElement(el: Element, doc: Document): Promise<string | null> {
  for (const image of imagesOf(el, doc)) {
    const source = await image();
    if (!source) continue;
    const natural = sizeOf(source, el);
    if (natural.width === 0 || natural.height === 0) continue;
    const side = Math.max(natural.width, natural.height);
    const code =
      decodeAt(source, natural, DECODE_MAX_SIDE / side, doc) ??
      (side > DECODE_MAX_SIDE ? decodeAt(source, natural, FULL_MAX_SIDE / side, doc) : null);
    if (code !== null) return code;
  }
  return null;
}

function decodeAt(
  source: CanvasImageSource,
  natural: { width: number; height: number },
  scale: number,
  doc: Document,
): string | null {
  const factor = Math.min(1, scale);
  const width = Math.round(natural.width * factor);
  const height = Math.round(natural.height * factor);
  const canvas = doc.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  // A white background: transparent pixels read as black and would hide the code.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(source, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return decodePixels(data, width, height);
}

/**
 * jsQR, for codes that are turned, skewed or cluttered: dark-on-light first,
 * then light-on-dark on an inverted copy. (jsQR 1.4's own 'onlyInvert' throws
 * a TypeError, as it never binarises the inverted image; 'attemptBoth' would
 * binarise both up front, doubling the cost for the common case.) jsQR can
 * also throw on some images (in its locator); that is a failed read, not an
 * error.
 */
export function decodeGeneral(data: Uint8ClampedArray, width: number, height: number): string | null {
  const attempt = (pixels: Uint8ClampedArray) => {
    try {
      return jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    } catch {
      return null;
    }
  };
  return attempt(data) ?? attempt(data.map((value, i) => (i % 4 === 3 ? value : 255 - value)));
}

/**
 * The upright reader first: a page's own QR code is upright and sharp, and
 * reading it module by module skips jsQR's finder-pattern search, the costly
 * part (measured in `npm run bench`). Then our own finder search, as for a
 * capture: a code turned by quarter turns, or light on dark, is found, turned
 * back and read the same way. jsQR for the rest (other angles, skew, clutter).
 */
export function decodePixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  return (
    readUprightQr(data, width, height) ?? readFoundCodes(data, width, height) ?? decodeGeneral(data, width, height)
  );
}

export interface PageQr {
  payload: string | null;
  /** With `all`: the other codes the elements hold, in page order, each once (a setup page may show several). */
  others: string[];
  /** Where candidates sit that only the capture can read: pixels kept from us, or an svg styled by the page. */
  unreadable: { x: number; y: number; width: number; height: number }[];
}

/** At most this many codes are read from one page. */
export const MAX_PAGE_CODES = 10;

/** The page's first QR code — or with `all`, every one its elements hold (up to MAX_PAGE_CODES). */
export async function readPageQr(doc: Document, { all = false } = {}): Promise<PageQr> {
  const unreadable: PageQr['unreadable'] = [];
  const found: string[] = [];
  const remember = (el: Element) => {
    const { x, y, width, height } = el.getBoundingClientRect();
    if (unreadable.length < 20) unreadable.push({ x, y, width, height });
  };
  for (const el of qrCandidates(doc)) {
    try {
      const payload = await decodeElement(el, doc);
      if (payload && !found.includes(payload)) found.push(payload);
      if (found.length > 0 && (!all || found.length >= MAX_PAGE_CODES)) break;
      // An svg may take its look from the page's style sheets, which its copy lacks; the capture sees it as shown.
      if (!payload && el instanceof SVGSVGElement) remember(el);
    } catch {
      remember(el); // tainted by a cross-origin source: the capture can read it where it is on screen
    }
  }
  const [payload = null, ...others] = found;
  return { payload, others, unreadable };
}

/** The content script's answer to readQr: the page's origin and viewport beside what it shows. */
export async function readQrHere(win: Window, options: { all: boolean }) {
  return { origin: win.location.origin, viewportWidth: win.innerWidth, ...(await readPageQr(win.document, options)) };
}
