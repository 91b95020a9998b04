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
import { grey } from './read-upright';

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

interface Finder {
  x: number;
  y: number;
  /** Module size in pixels. */
  module: number;
  hits: number;
  inverted: boolean;
}

/** Rows scanned: every other one (a finder's core is 3 modules tall, modules at least 1.5 px). */
const ROW_STEP = 2;
/** Pixels darker than this count as dark: on screen a code is near black on near white, or the reverse. */
const DARK_BELOW = 128;
/** Smaller modules cannot be read at their centre (as in the upright reader). */
const MIN_MODULE_PIXELS = 1.5;
/**
 * A finder's 3-module core is at least 4.5 pixels tall, so every other row
 * crosses it at least twice; a single hit is noise.
 */
const MIN_HITS = 2;
/** At most this many codes per frame; a page shows one. */
const MAX_BOXES = 8;
/** Finders kept at most while scanning, so that a picture full of stripes costs no more than this. */
const MAX_FINDERS = 500;
/** Finders (most hits first) tried as corners of an L: the search is cubic in their number. */
const MAX_CORNERS = 100;

/**
 * The module size of five runs in the ratio 1:1:3:1:1, or 0. Each run may be
 * off by half a module (as ZXing allows) or by a pixel and a half, whichever is
 * more: the smoothed edge pixels of a small module fall on either side.
 */
function finderModule(runs: readonly number[]): number {
  const total = runs[0]! + runs[1]! + runs[2]! + runs[3]! + runs[4]!;
  if (total < 7 * MIN_MODULE_PIXELS) return 0;
  const module = total / 7;
  const leeway = Math.max(module / 2, 1.5);
  const fits =
    Math.abs(runs[0]! - module) <= leeway &&
    Math.abs(runs[1]! - module) <= leeway &&
    Math.abs(runs[2]! - 3 * module) <= Math.max((3 * module) / 2, 1.5) &&
    Math.abs(runs[3]! - module) <= leeway &&
    Math.abs(runs[4]! - module) <= leeway;
  return fits ? module : 0;
}

/**
 * The centre and module size of a finder's 1:1:3:1:1 runs down column x through y, or null.
 * "Dark" is the finder's own colour: light when the code is inverted.
 */
function checkColumn(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  x: number,
  y: number,
  module: number,
  inverted: boolean,
) {
  const dark = (row: number) => grey(rgba, row * width + x) < DARK_BELOW !== inverted;
  if (!dark(y)) return null;
  const limit = Math.ceil(module * 5);
  // Runs above the centre: the core's upper half, light, dark; and below, the same.
  // Beyond the outer ring, the separator or the quiet zone: light for at least half a module.
  const margin = groundPixels(module);
  const runsFrom = (step: 1 | -1) => {
    const runs = [0, 0, 0];
    let row = y;
    for (let run = 0; run < 3; run++) {
      const wanted = run !== 1;
      while (row >= 0 && row < height && dark(row) === wanted && runs[run]! <= limit) {
        runs[run]!++;
        row += step;
      }
      if (runs[run] === 0 || runs[run]! > limit) return null;
    }
    for (let k = 0; k < margin; k++, row += step) if (row < 0 || row >= height || dark(row)) return null;
    return runs;
  };
  const up = runsFrom(-1);
  const down = runsFrom(1);
  if (!up || !down) return null;
  // The centre pixel is counted in both halves.
  const vertical = finderModule([up[2]!, up[1]!, up[0]! + down[0]! - 1, down[1]!, down[2]!]);
  if (vertical === 0 || Math.abs(vertical - module) > module / 2) return null;
  // Pixel rows are [r, r + 1): the core spans from row y − up[0] + 1 for up[0] + down[0] − 1 rows.
  return { y: y - up[0]! + 1 + (up[0]! + down[0]! - 1) / 2, module: vertical };
}

/**
 * Pixels of ground wanted beside a finder: half a module, rounded. A pixel half covered by a module
 * is mid-grey and counts as ink in one polarity and as ground in the other, so at 2 pixels a module
 * the one-module separator can be a single pixel wide (rounding up would miss inverted codes there).
 */
const groundPixels = (module: number) => Math.max(1, Math.round(module / 2));

/** The `count` pixels from x on row y are all of the ground's colour (light, or dark when inverted). */
function groundAfter(
  rgba: Uint8ClampedArray,
  width: number,
  y: number,
  x: number,
  count: number,
  inverted: boolean,
): boolean {
  if (x + count > width) return false;
  for (let k = 0; k < count; k++) if (grey(rgba, y * width + x + k) < DARK_BELOW !== inverted) return false;
  return true;
}

function scanRows(rgba: Uint8ClampedArray, width: number, height: number): Finder[] {
  let finders: Finder[] = [];
  for (let y = 0; y < height; y += ROW_STEP) {
    if (finders.length >= MAX_FINDERS) {
      // Full (a noisy picture): forget the single hits the scan has passed, which can get no more.
      finders = finders.filter((f) => f.hits >= MIN_HITS || f.y + 2 * f.module + ROW_STEP > y);
      if (finders.length >= MAX_FINDERS) break;
    }
    // The last six run lengths, oldest first, ending in the current one; runs alternate in colour.
    const runs = [0, 0, 0, 0, 0, 0];
    let runDark = false;
    let count = 0;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && grey(rgba, y * width + x) < DARK_BELOW;
      if (x < width && dark === runDark) {
        count++;
        continue;
      }
      // A run ended at x − 1. A finder ends in its outer ring: a dark run, or a light one when inverted.
      if (count > 0) {
        runs.shift();
        runs.push(count);
        const inverted = !runDark;
        if (runs[1]! > 0) {
          const lengths = runs.slice(1);
          const module = finderModule(lengths);
          // The ground on both sides (separator or quiet zone), for at least half a module.
          if (module > 0 && runs[0]! >= module / 2 && groundAfter(rgba, width, y, x, groundPixels(module), inverted)) {
            const centreX = x - lengths[4]! - lengths[3]! - lengths[2]! / 2;
            const column = checkColumn(rgba, width, height, Math.floor(centreX), y, module, inverted);
            if (column)
              addFinder(finders, {
                x: centreX,
                y: column.y,
                module: (module + column.module) / 2,
                hits: 1,
                inverted,
              });
          }
        }
      }
      runDark = dark;
      count = 1;
    }
  }
  return finders;
}

/** Hits within a module of a known finder are the same finder seen on another row. */
function addFinder(finders: Finder[], hit: Finder): void {
  const same = finders.find(
    (f) =>
      f.inverted === hit.inverted &&
      Math.abs(f.x - hit.x) <= Math.max(f.module, 1.5) &&
      Math.abs(f.y - hit.y) <= Math.max(f.module, 1.5) &&
      Math.abs(f.module - hit.module) <= f.module / 2,
  );
  if (!same) {
    finders.push(hit);
    return;
  }
  const n = same.hits;
  same.x = (same.x * n + hit.x) / (n + 1);
  same.y = (same.y * n + hit.y) / (n + 1);
  same.module = (same.module * n + hit.module) / (n + 1);
  same.hits = n + 1;
}

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
