/**
 * The first half of the finder search of a capture (find-codes.ts has the
 * whole story): rows scanned for the 1:1:3:1:1 runs of a finder pattern
 * (ISO/IEC 18004:2015 §6.3.3) in either polarity, each hit checked down its
 * column and merged with the hits of the same finder.
 */
import { grey } from './read-upright';

export interface Finder {
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
/** Finders kept at most while scanning, so that a picture full of stripes costs no more than this. */
const MAX_FINDERS = 500;

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

/**
 * A finder's 3-module core is at least 4.5 pixels tall, so every other row
 * crosses it at least twice; a single hit is noise.
 */
export const MIN_HITS = 2;

export function scanRows(rgba: Uint8ClampedArray, width: number, height: number): Finder[] {
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
