/**
 * Finds the QR code on the page and decodes it from the element's own pixels
 * (img, canvas, svg), in the content script. Reading the element is fast and
 * exact; a capture of the whole tab is the fallback for elements whose pixels
 * are off limits (cross-origin images, tainted canvases).
 */
import jsQR from 'jsqr';

const MIN_SIDE = 48;
/**
 * Elements are decoded at most this big: jsQR's cost grows with the pixel
 * count, and 3–4 pixels per module suffice (an enrolment code has ~50 modules
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

async function imageFrom(el: Element): Promise<CanvasImageSource | null> {
  if (el instanceof HTMLImageElement) {
    if (!el.complete) await el.decode().catch(() => undefined);
    return el.naturalWidth > 0 ? el : null;
  }
  if (el instanceof HTMLCanvasElement) return el;
  if (el instanceof SVGSVGElement) {
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(el))}`;
    await img.decode().catch(() => undefined);
    return img.naturalWidth > 0 ? img : null;
  }
  return null;
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
 * scaling is tried again at its own size.
 */
export async function decodeElement(el: Element, doc: Document): Promise<string | null> {
  const source = await imageFrom(el);
  if (!source) return null;
  const natural = sizeOf(source, el);
  if (natural.width === 0 || natural.height === 0) return null;
  const side = Math.max(natural.width, natural.height);
  const small = decodeAt(source, natural, DECODE_MAX_SIDE / side, doc);
  if (small !== null || side <= DECODE_MAX_SIDE) return small;
  return decodeAt(source, natural, FULL_MAX_SIDE / side, doc);
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
 * Dark-on-light first: 'attemptBoth' would binarise an inverted copy up front,
 * doubling the cost for the common case; light-on-dark is tried only if needed.
 * jsQR 1.4 can throw on some images (a TypeError in its locator); that is a
 * failed read, not an error.
 */
export function decodePixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  for (const inversionAttempts of ['dontInvert', 'onlyInvert'] as const) {
    try {
      const code = jsQR(data, width, height, { inversionAttempts });
      if (code) return code.data;
    } catch {
      // try the next way
    }
  }
  return null;
}
export interface PageQr {
  payload: string | null;
  /** Where candidates sit whose pixels the page does not let us read (for the capture fallback). */
  unreadable: { x: number; y: number; width: number; height: number }[];
}

export async function readPageQr(doc: Document): Promise<PageQr> {
  const unreadable: PageQr['unreadable'] = [];
  for (const el of qrCandidates(doc)) {
    try {
      const payload = await decodeElement(el, doc);
      if (payload) return { payload, unreadable };
    } catch {
      // Tainted by a cross-origin source: remember where it is on screen.
      const { x, y, width, height } = el.getBoundingClientRect();
      if (unreadable.length < 20) unreadable.push({ x, y, width, height });
    }
  }
  return { payload: null, unreadable };
}

/**
 * A version 1 QR code ("sidekey warm-up"), one string per row, 1 = dark. Decoding
 * it once compiles the decoder's whole path (binarise, locate, extract, decode),
 * which a never-run function pays for on its first call.
 */
const WARM_UP_MODULES = [
  '111111101000101111111',
  '100000101001101000001',
  '101110100111001011101',
  '101110100100101011101',
  '101110100101001011101',
  '100000101011001000001',
  '111111101010101111111',
  '000000001010100000000',
  '000110100110111100011',
  '000011000100011100111',
  '011100100111111110000',
  '100011011111000110000',
  '111101111011001100101',
  '000000000001011100011',
  '111111100100001110101',
  '100000100011110100011',
  '101110101000010101111',
  '101110101011110101010',
  '101110100011011101110',
  '100000100011111110101',
  '111111100001110010100',
];
export const WARM_UP_PAYLOAD = 'sidekey warm-up';

/**
 * Runs the decoder once on a known code while the page is idle, so the user's
 * first real read (on "Initialise with this page") does not pay for compiling
 * it. Returns what it decoded (the warm-up payload, if all went well).
 */
export function warmUpDecoder(): string | null {
  const scale = 3;
  const quiet = 4;
  const side = (WARM_UP_MODULES.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  WARM_UP_MODULES.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '1') continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
    }
  });
  return decodePixels(pixels, side, side);
}

/** The warm-up, when the page has nothing better to do (requestIdleCallback; a timeout where it is missing). */
export function scheduleDecoderWarmUp(win: Window): void {
  const run = () => void warmUpDecoder();
  if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(run, { timeout: 2000 });
  else win.setTimeout(run, 200);
}
