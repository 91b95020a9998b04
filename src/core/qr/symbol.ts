/**
 * The fixed layout of a QR code symbol (ISO/IEC 18004:2015): its size per
 * version, where the function patterns lie, how its codewords split into
 * error-correction blocks, and its format information.
 */

export type EcLevel = 'L' | 'M' | 'Q' | 'H';

/** Versions 1–40: 21×21 to 177×177 modules (§5.3.1). */
export function versionForSize(size: number): number | null {
  const version = (size - 17) / 4;
  return Number.isInteger(version) && version >= 1 && version <= 40 ? version : null;
}

/** Row/column centres of the alignment patterns (§6.3.6, Annex E). */
export function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = 17 + 4 * version;
  // The spacing is even and the same between all but the first two (Annex E's table, as a rule).
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2;
  const centres = [6];
  for (let i = count - 2; i >= 0; i--) centres.splice(1, 0, size - 7 - i * step);
  return centres.sort((a, b) => a - b);
}

/**
 * Modules that carry no data (§6.3): finder patterns with their separators and
 * the format information beside them, timing patterns, alignment patterns,
 * version information (version ≥ 7) and the dark module. Indexed row * size + column.
 */
export function functionModules(version: number): Uint8Array {
  const size = 17 + 4 * version;
  const reserved = new Uint8Array(size * size);
  const mark = (top: number, left: number, height: number, width: number) => {
    for (let r = top; r < top + height; r++) reserved.fill(1, r * size + left, r * size + left + width);
  };
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  const centres = alignmentCentres(version);
  const last = centres.length - 1;
  centres.forEach((row, i) =>
    centres.forEach((column, j) => {
      // Where a finder pattern is, there is no alignment pattern.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      mark(row - 2, column - 2, 5, 5);
    }),
  );
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  return reserved;
}

/** Error-correction codewords per block, by level and version (§7.5.1, Table 9). */
const EC_PER_BLOCK: Record<EcLevel, readonly number[]> = {
  L: [
    7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  M: [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  Q: [
    13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  H: [
    17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
};

/** Number of error-correction blocks, by level and version (§7.5.1, Table 9). */
const BLOCKS: Record<EcLevel, readonly number[]> = {
  L: [
    1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19,
    20, 21, 22, 24, 25,
  ],
  M: [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33,
    35, 37, 38, 40, 43, 45, 47, 49,
  ],
  Q: [
    1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45,
    48, 51, 53, 56, 59, 62, 65, 68,
  ],
  H: [
    1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51,
    54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
};

export interface BlockLayout {
  /** Data codewords of each block, in the order the blocks are interleaved. */
  dataLengths: number[];
  ecPerBlock: number;
}

/**
 * How `total` codewords split into blocks (§7.6): all blocks have the same
 * number of EC codewords; the later blocks may hold one data codeword more.
 */
export function blockLayout(version: number, level: EcLevel, total: number): BlockLayout {
  const count = BLOCKS[level][version - 1]!;
  const ecPerBlock = EC_PER_BLOCK[level][version - 1]!;
  const shortLength = Math.floor(total / count);
  const longBlocks = total % count;
  const dataLengths = Array.from(
    { length: count },
    (_, i) => shortLength - ecPerBlock + (i >= count - longBlocks ? 1 : 0),
  );
  return { dataLengths, ecPerBlock };
}

/** Total EC codewords of a version and level (as qrcode and Table 9 list it). */
export function totalEcCodewords(version: number, level: EcLevel): number {
  return BLOCKS[level][version - 1]! * EC_PER_BLOCK[level][version - 1]!;
}

const LEVEL_BY_BITS: readonly EcLevel[] = ['M', 'L', 'H', 'Q'];

/** The 15-bit format word of (level bits, mask): BCH(15,5) with generator 0x537, XOR 0x5412 (§7.9.1). */
function formatWord(data: number): number {
  let remainder = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (remainder & (1 << bit)) remainder ^= 0x537 << (bit - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

const FORMAT_WORDS = Array.from({ length: 32 }, (_, data) => formatWord(data));

function bitCount(value: number): number {
  let count = 0;
  for (let v = value; v; v &= v - 1) count++;
  return count;
}

export interface FormatInfo {
  level: EcLevel;
  mask: number;
}

/**
 * The format information from its two copies: the closest valid word to
 * either, if within the code's 3-error correcting distance (§7.9.1, Annex C).
 */
export function decodeFormat(copies: readonly number[]): FormatInfo | null {
  let best = -1;
  let bestDistance = 4;
  for (const copy of copies) {
    FORMAT_WORDS.forEach((word, data) => {
      const distance = bitCount(word ^ copy);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = data;
      }
    });
  }
  if (best < 0) return null;
  return { level: LEVEL_BY_BITS[best >> 3]!, mask: best & 7 };
}

/** Data mask conditions (§7.8.2, Table 10): true where the module is inverted. */
export function maskApplies(mask: number, row: number, column: number): boolean {
  switch (mask) {
    case 0:
      return (row + column) % 2 === 0;
    case 1:
      return row % 2 === 0;
    case 2:
      return column % 3 === 0;
    case 3:
      return (row + column) % 3 === 0;
    case 4:
      return (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0;
    case 5:
      return ((row * column) % 2) + ((row * column) % 3) === 0;
    case 6:
      return (((row * column) % 2) + ((row * column) % 3)) % 2 === 0;
    default:
      return (((row + column) % 2) + ((row * column) % 3)) % 2 === 0;
  }
}
