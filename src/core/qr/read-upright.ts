/**
 * A fast reader for the QR codes a page draws itself: upright, sharp, alone on
 * a plain background — what a server's `<img>`, canvas or svg shows. It skips
 * the finder-pattern search a camera image needs (the costly part of a general
 * decoder such as jsQR): the dark pixels' bounding box is the symbol, its
 * module count is the one whose timing and finder patterns (ISO/IEC 18004:2015
 * §6.3.3, §6.3.5) the pixels match best, and each module is read at its centre.
 * Anything else (rotated, photographed, cluttered) returns null, and the caller
 * falls back to a general decoder.
 */
import { decodeSymbol, type ModuleGrid } from './decode-symbol';

/** Below this contrast (of 255) there is no code to read. */
const MIN_CONTRAST = 64;
/** Modules narrower than this many pixels cannot be read at their centre reliably. */
const MIN_MODULE_PIXELS = 1.5;
/** Share of timing and finder modules that must match for a module count to be tried. */
const MIN_PATTERN_MATCH = 0.9;
/** Module counts tried, best match first. */
const MAX_TRIES = 3;

interface Frame {
  rgba: Uint8ClampedArray;
  width: number;
  threshold: number;
  /** true: dark modules are darker than the threshold (the usual way round). */
  darkIsLow: boolean;
  left: number;
  top: number;
  /** The symbol's extent in pixels. */
  extentX: number;
  extentY: number;
}

/**
 * Luminance of pixel `i`: ITU-R BT.601 weights in 8-bit fixed point,
 * composited on white (transparent pixels count as white). Computed only for
 * the pixels looked at: a page's QR code is mostly read from its quiet zone
 * and module centres, a fraction of its pixels.
 */
export function grey(rgba: Uint8ClampedArray, i: number): number {
  const p = i * 4;
  const y = (rgba[p]! * 77 + rgba[p + 1]! * 150 + rgba[p + 2]! * 29) >> 8;
  return 255 - (((255 - y) * rgba[p + 3]!) >> 8);
}

/** Darkest and lightest of every other pixel of every other row: modules are at least 1.5 pixels wide. */
function contrastRange(rgba: Uint8ClampedArray, width: number, height: number) {
  let min = 255;
  let max = 0;
  for (let y = 0; y < height; y += 2)
    for (let x = 0, i = y * width; x < width; x += 2, i += 2) {
      const value = grey(rgba, i);
      if (value < min) min = value;
      if (value > max) max = value;
    }
  return { min, max };
}

/**
 * The bounding box of the pixels on the "dark module" side of the threshold,
 * found from the edges inwards: the scans stop at the symbol, so they cross
 * little more than the quiet zone.
 */
function symbolBox(rgba: Uint8ClampedArray, width: number, height: number, threshold: number, darkIsLow: boolean) {
  const dark = (x: number, y: number) => grey(rgba, y * width + x) < threshold === darkIsLow;
  const rowHas = (y: number) => {
    for (let x = 0; x < width; x++) if (dark(x, y)) return true;
    return false;
  };
  let top = 0;
  while (top < height && !rowHas(top)) top++;
  if (top === height) return null;
  let bottom = height - 1;
  while (!rowHas(bottom)) bottom--;
  const columnHas = (x: number) => {
    for (let y = top; y <= bottom; y++) if (dark(x, y)) return true;
    return false;
  };
  let left = 0;
  while (!columnHas(left)) left++;
  let right = width - 1;
  while (!columnHas(right)) right--;
  return { left, top, extentX: right - left + 1, extentY: bottom - top + 1 };
}

function isDark(frame: Frame, size: number, row: number, column: number): boolean {
  const x = Math.floor(frame.left + ((column + 0.5) * frame.extentX) / size);
  const y = Math.floor(frame.top + ((row + 0.5) * frame.extentY) / size);
  return grey(frame.rgba, y * frame.width + x) < frame.threshold === frame.darkIsLow;
}

/** Finder pattern module (§6.3.3): dark ring, light ring, dark 3×3 core. */
function finderDark(row: number, column: number): boolean {
  const ring = Math.max(Math.abs(row - 3), Math.abs(column - 3));
  return ring !== 2;
}

/** Share of the three finder patterns and both timing patterns that a module count `size` reproduces. */
function patternMatch(frame: Frame, size: number): number {
  let matched = 0;
  let total = 0;
  for (const [top, left] of [
    [0, 0],
    [0, size - 7],
    [size - 7, 0],
  ] as const) {
    for (let r = 0; r < 7; r++)
      for (let c = 0; c < 7; c++, total++)
        matched += Number(isDark(frame, size, top + r, left + c) === finderDark(r, c));
  }
  for (let i = 8; i < size - 8; i++, total += 2) {
    const dark = i % 2 === 0;
    matched += Number(isDark(frame, size, 6, i) === dark) + Number(isDark(frame, size, i, 6) === dark);
  }
  return matched / total;
}

function sampleGrid(frame: Frame, size: number): ModuleGrid {
  const modules = new Uint8Array(size * size);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) modules[r * size + c] = isDark(frame, size, r, c) ? 1 : 0;
  return { size, modules };
}

/**
 * Module counts worth trying, from the width of the left-top finder pattern
 * (7 modules) along a row just inside the symbol's top edge; every count the
 * symbol's width allows when that row does not look like a finder's edge.
 */
function plausibleSizes(frame: Frame): [number, number] {
  const largest = Math.min(177, Math.floor(frame.extentX / MIN_MODULE_PIXELS));
  const y = frame.top + Math.min(1, frame.extentY - 1);
  let run = 0;
  while (run < frame.extentX) {
    const i = y * frame.width + frame.left + run;
    if (grey(frame.rgba, i) < frame.threshold !== frame.darkIsLow) break;
    run++;
  }
  const estimate = (frame.extentX * 7) / run;
  if (run < 7 * MIN_MODULE_PIXELS || estimate < 21 || estimate > 177) return [21, largest];
  // A pixel either way in the run moves the estimate by estimate / run modules.
  const spread = 4 + (estimate * 2) / run;
  return [Math.max(21, estimate - spread), Math.min(largest, estimate + spread)];
}

function readFrame(frame: Frame): string | null {
  const candidates: { size: number; match: number }[] = [];
  const [smallest, largest] = plausibleSizes(frame);
  for (let size = 21; size <= largest; size += 4) {
    if (size < smallest) continue;
    const match = patternMatch(frame, size);
    if (match >= MIN_PATTERN_MATCH) candidates.push({ size, match });
  }
  candidates.sort((a, b) => b.match - a.match);
  for (const { size } of candidates.slice(0, MAX_TRIES)) {
    const text = decodeSymbol(sampleGrid(frame, size));
    if (text !== null) return text;
  }
  return null;
}

/**
 * The text of an upright QR code that is the only thing drawn in `rgba`
 * (width × height RGBA, as getImageData gives it), dark on light or light on
 * dark; null if there is none this reader can read.
 */
export function readUprightQr(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  if (width < 21 || height < 21 || rgba.length !== width * height * 4) return null;
  const { min, max } = contrastRange(rgba, width, height);
  if (max - min < MIN_CONTRAST) return null;
  const threshold = (min + max + 1) >> 1;
  for (const darkIsLow of [true, false]) {
    const box = symbolBox(rgba, width, height, threshold, darkIsLow);
    if (!box || box.extentX < 21 || Math.abs(box.extentX - box.extentY) > Math.max(2, box.extentX * 0.04)) continue;
    const text = readFrame({ rgba, width, threshold, darkIsLow, ...box });
    if (text !== null) return text;
  }
  return null;
}
