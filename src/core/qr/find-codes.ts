/**
 * Finds QR codes in a whole screen capture, for the codes a page shows in no
 * element we can read (a CSS background, a grid of boxes, a picture the page
 * keeps from scripts). Rows are scanned for the 1:1:3:1:1 runs of a finder
 * pattern (ISO/IEC 18004:2015 §6.3.3) in either polarity — dark on light, or
 * light on dark (an inverted theme, `filter: invert()`); each hit is checked
 * down its column, hits are merged per finder. A finder's runs are the same
 * whichever way the symbol is turned, so the turn shows only in how the three
 * finders lie: the corner finder has one neighbour along the row and one down
 * the column at the same distance, and which of them is the symbol's right-top
 * finder follows from the symbol's handedness (§6.3.3: seen from the corner,
 * right-top comes a quarter turn before left-bottom; a mirrored code would be
 * the other way round and is not a QR code a page shows). Each L gives the box
 * of one symbol and its turn; reading it is the upright reader's work, on the
 * box turned back (`turnUpright`).
 */
import { MIN_HITS, scanRows, type Finder } from './finder-scan';
import { readUprightQr } from './read-upright';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Quarter turns clockwise (as CSS `rotate(90deg)` turns an element). */
export type Turns = 0 | 1 | 2 | 3;

export interface FoundCode extends Box {
  /** The symbol is turned this many quarter turns clockwise from upright. */
  turns: Turns;
  /** Light modules on a dark ground. */
  inverted: boolean;
}

/** At most this many codes per frame; a page shows one. */
const MAX_BOXES = 8;
/** Finders (most hits first) tried as corners of an L: the search is cubic in their number. */
const MAX_CORNERS = 100;

/** Quarter turns of the vector from the corner finder to the right-top one: +x 0, +y 1, −x 2, −y 3. */
function turnsOf(dx: number, dy: number): Turns {
  if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? 0 : 2;
  return dy > 0 ? 1 : 3;
}

/**
 * The QR codes whose three finder patterns are in `rgba` (width × height RGBA): each one's box in
 * the frame's pixels, with two modules of its quiet zone around it, its turn and its polarity.
 */
export function findQrCodes(rgba: Uint8ClampedArray, width: number, height: number): FoundCode[] {
  if (width < 21 || height < 21 || rgba.length !== width * height * 4) return [];
  const finders = scanRows(rgba, width, height)
    .filter((f) => f.hits >= MIN_HITS)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_CORNERS);
  const used = new Set<Finder>();
  const codes: FoundCode[] = [];
  for (const corner of finders) {
    if (codes.length >= MAX_BOXES) break;
    if (used.has(corner)) continue;
    const similar = (f: Finder) =>
      !used.has(f) &&
      f !== corner &&
      f.inverted === corner.inverted &&
      Math.abs(f.module - corner.module) < corner.module * 0.3;
    const tolerance = 2 * corner.module;
    for (const across of finders) {
      // Finder centres are (size − 7) modules apart: 14 (version 1) to 170 (version 40).
      const span = Math.abs(across.x - corner.x);
      if (!similar(across) || Math.abs(across.y - corner.y) > tolerance || span < 13 * corner.module) continue;
      if (span > 171 * corner.module) continue;
      const down = finders.find(
        (f) =>
          similar(f) &&
          f !== across &&
          Math.abs(f.x - corner.x) <= tolerance &&
          Math.abs(Math.abs(f.y - corner.y) - span) <= tolerance,
      );
      if (!down) continue;
      used.add(corner).add(across).add(down);
      // Right-top is the neighbour from which left-bottom lies a quarter turn clockwise (y grows downwards).
      const cross = (across.x - corner.x) * (down.y - corner.y) - (across.y - corner.y) * (down.x - corner.x);
      const [rightTop, leftBottom] = cross > 0 ? [across, down] : [down, across];
      const module = span / Math.max(14, Math.round(span / corner.module));
      const reach = (3.5 + 2) * module;
      // The fourth corner completes the square: its box holds all four.
      const xs = [corner.x, rightTop.x, leftBottom.x, rightTop.x + leftBottom.x - corner.x];
      const ys = [corner.y, rightTop.y, leftBottom.y, rightTop.y + leftBottom.y - corner.y];
      const x = Math.min(...xs) - reach;
      const y = Math.min(...ys) - reach;
      codes.push({
        x,
        y,
        width: Math.max(...xs) + reach - x,
        height: Math.max(...ys) + reach - y,
        turns: turnsOf(rightTop.x - corner.x, rightTop.y - corner.y),
        inverted: corner.inverted,
      });
      break;
    }
  }
  return codes;
}

/**
 * The pixels of a box whose symbol is turned `turns` quarter turns clockwise, turned back as often
 * so that the symbol stands upright (for the upright reader). Width and height swap on odd turns.
 */
export function turnUpright(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  turns: Turns,
): { data: Uint8ClampedArray; width: number; height: number } {
  if (turns === 0) return { data: rgba, width, height };
  const odd = turns % 2 === 1;
  const outWidth = odd ? height : width;
  const outHeight = odd ? width : height;
  // A pixel at a time as one 32-bit word (a view needs 4-byte alignment; a copy has it).
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
  const pixels = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const out = new Uint32Array(width * height);
  // Where (x, y) lands after `turns` quarter turns anticlockwise: (y, w−1−x), (w−1−x, h−1−y), (h−1−y, x).
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const pixel = pixels[y * width + x]!;
      if (turns === 1) out[(width - 1 - x) * outWidth + y] = pixel;
      else if (turns === 2) out[(height - 1 - y) * outWidth + (width - 1 - x)] = pixel;
      else out[x * outWidth + (height - 1 - y)] = pixel;
    }
  return { data: new Uint8ClampedArray(out.buffer), width: outWidth, height: outHeight };
}

/** The pixels of `box` (clamped to the frame), as a frame of their own. */
function crop(rgba: Uint8ClampedArray, width: number, height: number, box: Box) {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    out.set(rgba.subarray(4 * ((y0 + y) * width + x0), 4 * ((y0 + y) * width + x1)), 4 * y * w);
  return { data: out, width: w, height: h };
}

/**
 * The first code the finder search finds in `rgba` that reads: each box cut out, turned upright
 * and read module by module — the capture's way, for an element whose own pixels are turned or
 * light on dark, so only a code turned by some other angle (or skewed) is left to jsQR.
 */
export function readFoundCodes(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  for (const box of findQrCodes(rgba, width, height)) {
    const cut = crop(rgba, width, height, box);
    if (cut.width < 21 || cut.height < 21) continue;
    const upright = turnUpright(cut.data, cut.width, cut.height, box.turns);
    const code = readUprightQr(upright.data, upright.width, upright.height);
    if (code !== null) return code;
  }
  return null;
}
