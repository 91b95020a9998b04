/**
 * The decoders' warm-up: one read of a known code while the page is idle, so that the user's first
 * real read does not pay for compiling the decoders (measured in `npm run bench`).
 */
import jsQR from 'jsqr';
import { readFoundCodes, turnUpright } from '../../core/qr/find-codes';
import { readUprightQr } from '../../core/qr/read-upright';

/**
 * A version 1 QR code ("sidekey warm-up"), one string per row, 1 = dark. Decoding
 * it once compiles the decoders' whole paths (the upright reader's sampling,
 * Reed–Solomon and segments; the finder search on it turned; jsQR's binarise,
 * locate, extract, decode), which a never-run function pays for on its first call.
 */
const WARM_UP_MODULES = [
  '111111100001101111111',
  '100000100010101000001',
  '101110100010101011101',
  '101110101010101011101',
  '101110101101001011101',
  '100000100101101000001',
  '111111101010101111111',
  '000000000001100000000',
  '110001110001100011000',
  '001110001111001000000',
  '001001111011100101110',
  '011011000011110101111',
  '110100111010000101011',
  '000000001110010111111',
  '111111101110111000110',
  '100000101111111111110',
  '101110100011001000011',
  '101110100000000011100',
  '101110100100101010111',
  '100000101100010111100',
  '111111101100111110010',
];
export const WARM_UP_PAYLOAD = 'sidekey warm-up';

/**
 * Runs both decoders once on a known code while the page is idle, so the
 * user's first real read (on "Initialise with this page") does not pay for
 * compiling them. Returns the warm-up payload if both decoded it, else null.
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
  const upright = readUprightQr(pixels, side, side);
  // The same code turned a quarter: the finder search's path, for a page whose code is turned.
  const turned = turnUpright(pixels, side, side, 1);
  const found = readFoundCodes(turned.data, turned.width, turned.height);
  let general: string | null = null;
  try {
    general = jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' })?.data ?? null;
  } catch {
    // counted as a failed warm-up below
  }
  return upright === general && found === upright ? upright : null;
}

/** The warm-up, when the page has nothing better to do (requestIdleCallback; a timeout where it is missing). */
export function scheduleDecoderWarmUp(win: Window): void {
  const run = () => void warmUpDecoder();
  if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(run, { timeout: 2000 });
  else win.setTimeout(run, 200);
}
