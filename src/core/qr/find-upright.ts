/**
 * Finds upright QR codes in a whole screen capture, for the codes a page shows
 * in no element we can read (a CSS background, a grid of boxes, a picture the
 * page keeps from scripts). On screen a code is upright, so its three finder
 * patterns (ISO/IEC 18004:2015 §6.3.3) form an L: left-top, right-top and
 * left-bottom at the same distance. Rows are scanned for the 1:1:3:1:1
 * dark/light runs of a finder, each hit is checked down its column, hits are
 * merged per finder, and each L gives the box of one symbol; reading it is
 * the upright reader's work.
 */
import { grey } from './read-upright';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Finder {
  x: number;
  y: number;
  /** Module size in pixels. */
  module: number;
  hits: number;
}

/** Rows scanned: every other one (a finder's core is 3 modules tall, modules at least 1.5 px). */
const ROW_STEP = 2;
/** Pixels darker than this count as dark: on screen a code is near black on near white. */
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

/** The centre and module size of a finder's 1:1:3:1:1 runs down column x through y, or null. */
function checkColumn(rgba: Uint8ClampedArray, width: number, height: number, x: number, y: number, module: number) {
  const dark = (row: number) => grey(rgba, row * width + x) < DARK_BELOW;
  if (!dark(y)) return null;
  const limit = Math.ceil(module * 5);
  // Runs above the centre: the core's upper half, light, dark; and below, the same.
  // Beyond the outer ring, the separator or the quiet zone: light for at least half a module.
  const margin = Math.ceil(module / 2);
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

function lightAfter(rgba: Uint8ClampedArray, width: number, y: number, x: number, count: number): boolean {
  if (x + count > width) return false;
  for (let k = 0; k < count; k++) if (grey(rgba, y * width + x + k) < DARK_BELOW) return false;
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
    // The last six runs, oldest first, ending in the current one; dark ones positive, light ones negative.
    const runs = [0, 0, 0, 0, 0, 0];
    let runDark = false;
    let count = 0;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && grey(rgba, y * width + x) < DARK_BELOW;
      if (x < width && dark === runDark) {
        count++;
        continue;
      }
      // A run ended at x − 1.
      if (count > 0) {
        runs.shift();
        runs.push(runDark ? count : -count);
        if (runDark && runs[1]! > 0) {
          const lengths = runs.slice(1).map(Math.abs);
          const module = finderModule(lengths);
          // Light on both sides (separator or quiet zone), for at least half a module.
          if (module > 0 && -runs[0]! >= module / 2 && lightAfter(rgba, width, y, x, Math.ceil(module / 2))) {
            const centreX = x - lengths[4]! - lengths[3]! - lengths[2]! / 2;
            const column = checkColumn(rgba, width, height, Math.floor(centreX), y, module);
            if (column) addFinder(finders, { x: centreX, y: column.y, module: (module + column.module) / 2, hits: 1 });
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

/**
 * Boxes (in the frame's pixels) of the upright QR codes whose three finder
 * patterns are in `rgba`, each with two modules of its quiet zone around it.
 */
export function findUprightQrBoxes(rgba: Uint8ClampedArray, width: number, height: number): Box[] {
  if (width < 21 || height < 21 || rgba.length !== width * height * 4) return [];
  const finders = scanRows(rgba, width, height)
    .filter((f) => f.hits >= MIN_HITS)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_CORNERS);
  const used = new Set<Finder>();
  const boxes: Box[] = [];
  for (const corner of finders) {
    if (boxes.length >= MAX_BOXES) break;
    if (used.has(corner)) continue;
    const similar = (f: Finder) =>
      !used.has(f) && f !== corner && Math.abs(f.module - corner.module) < corner.module * 0.3;
    const tolerance = 2 * corner.module;
    for (const right of finders) {
      const span = right.x - corner.x;
      // Finder centres are (size − 7) modules apart: 14 (version 1) to 170 (version 40).
      if (!similar(right) || Math.abs(right.y - corner.y) > tolerance || span < 13 * corner.module) continue;
      if (span > 171 * corner.module) continue;
      const below = finders.find(
        (f) =>
          similar(f) &&
          f !== right &&
          Math.abs(f.x - corner.x) <= tolerance &&
          Math.abs(f.y - corner.y - span) <= tolerance,
      );
      if (!below) continue;
      used.add(corner).add(right).add(below);
      const module = span / Math.max(14, Math.round(span / corner.module));
      const reach = (3.5 + 2) * module;
      boxes.push({
        x: corner.x - reach,
        y: corner.y - reach,
        width: span + 2 * reach,
        height: below.y - corner.y + 2 * reach,
      });
      break;
    }
  }
  return boxes;
}
