/**
 * Decodes a QR code from its module grid (the later steps of ISO/IEC 18004:2015's reference decode algorithm):
 * format information, unmasking, codeword placement, de-interleaving,
 * Reed–Solomon correction and the data segments.
 */
import { correctErrors } from './reed-solomon';
import { blockLayout, decodeFormat, functionModules, maskApplies, versionForSize, type EcLevel } from './symbol';

/** A square grid of modules, row * size + column, 1 = dark. */
export interface ModuleGrid {
  size: number;
  modules: Uint8Array;
}

/** Both copies of the format information (§7.9.1, Figure 25), most significant bit first. */
function readFormatCopies({ size, modules }: ModuleGrid): number[] {
  const at = (row: number, column: number) => modules[row * size + column]!;
  let first = 0;
  for (const column of [0, 1, 2, 3, 4, 5, 7, 8]) first = (first << 1) | at(8, column);
  for (const row of [7, 5, 4, 3, 2, 1, 0]) first = (first << 1) | at(row, 8);
  let second = 0;
  for (let row = size - 1; row >= size - 7; row--) second = (second << 1) | at(row, 8);
  for (let column = size - 8; column < size; column++) second = (second << 1) | at(8, column);
  return [first, second];
}

const reservedByVersion = new Map<number, Uint8Array>();

/**
 * The codewords in placement order (§7.7.3): two-module columns from the right,
 * upwards then downwards, skipping the vertical timing pattern, unmasked.
 */
function readCodewords({ size, modules }: ModuleGrid, version: number, mask: number): Uint8Array {
  let reserved = reservedByVersion.get(version);
  if (!reserved) reservedByVersion.set(version, (reserved = functionModules(version)));
  const bits: number[] = [];
  let upwards = true;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right--;
    for (let count = 0; count < size; count++) {
      const row = upwards ? size - 1 - count : count;
      for (const column of [right, right - 1]) {
        const index = row * size + column;
        if (reserved[index]) continue;
        bits.push(modules[index]! ^ (maskApplies(mask, row, column) ? 1 : 0));
      }
    }
    upwards = !upwards;
  }
  // Remainder bits (§7.6, Table 1) do not make a whole codeword and are left.
  const codewords = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < codewords.length; i++) {
    let byte = 0;
    for (let b = 0; b < 8; b++) byte = (byte << 1) | bits[i * 8 + b]!;
    codewords[i] = byte;
  }
  return codewords;
}

/** De-interleaves (§7.6, Figure 15), corrects each block and joins their data codewords. */
function correctedData(codewords: Uint8Array, version: number, level: EcLevel): Uint8Array | null {
  const { dataLengths, ecPerBlock } = blockLayout(version, level, codewords.length);
  const blocks = dataLengths.map((length) => new Uint8Array(length + ecPerBlock));
  const longest = Math.max(...dataLengths);
  let next = 0;
  for (let i = 0; i < longest; i++) {
    dataLengths.forEach((length, b) => {
      if (i < length) blocks[b]![i] = codewords[next++]!;
    });
  }
  for (let i = 0; i < ecPerBlock; i++) {
    dataLengths.forEach((length, b) => (blocks[b]![length + i] = codewords[next++]!));
  }
  const data = new Uint8Array(dataLengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  for (const [b, block] of blocks.entries()) {
    if (correctErrors(block, ecPerBlock) < 0) return null;
    data.set(block.subarray(0, dataLengths[b]), offset);
    offset += dataLengths[b]!;
  }
  return data;
}

class BitReader {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length * 8 - this.position;
  }

  read(count: number): number {
    if (count > this.remaining) throw new RangeError('past the end of the data');
    let value = 0;
    for (let i = 0; i < count; i++, this.position++) {
      value = (value << 1) | ((this.bytes[this.position >> 3]! >> (7 - (this.position & 7))) & 1);
    }
    return value;
  }
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Character count indicator lengths (§7.4.1, Table 3), by version group. */
function countBits(mode: number, version: number): number {
  const group = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  switch (mode) {
    case 0b0001:
      return [10, 12, 14][group]!;
    case 0b0010:
      return [9, 11, 13][group]!;
    case 0b0100:
      return [8, 16, 16][group]!;
    default:
      return [8, 10, 12][group]!;
  }
}

/** ECI designators we can turn into text (§7.4.2; AIM ECI assignments). */
const ECI_CHARSETS: Record<number, string> = { 1: 'iso-8859-1', 3: 'iso-8859-1', 20: 'shift_jis', 26: 'utf-8' };

function bytesToText(bytes: number[], charset: string | null): string {
  if (charset) return new TextDecoder(charset).decode(new Uint8Array(bytes));
  // No ECI: the standard says ISO-8859-1, but UTF-8 is what generators write; try it first.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('iso-8859-1').decode(new Uint8Array(bytes));
  }
}

/** The text of the data segments (§7.4), or null for a mode we do not read. */
export function parseSegments(data: Uint8Array, version: number): string | null {
  const reader = new BitReader(data);
  let text = '';
  let charset: string | null = null;
  try {
    while (reader.remaining >= 4) {
      const mode = reader.read(4);
      if (mode === 0b0000) break;
      if (mode === 0b0111) {
        // ECI designator: 1, 2 or 3 bytes, told apart by its leading bits.
        const first = reader.read(8);
        const designator =
          (first & 0x80) === 0
            ? first
            : (first & 0xc0) === 0x80
              ? ((first & 0x3f) << 8) | reader.read(8)
              : ((first & 0x1f) << 16) | reader.read(16);
        charset = ECI_CHARSETS[designator] ?? null;
        if (charset === null) return null;
        continue;
      }
      if (mode === 0b0011) {
        reader.read(16); // structured append: symbol position and parity (§8)
        continue;
      }
      if (mode === 0b0101) continue; // FNC1, first position: a GS1 marker, no data
      if (mode === 0b1001) {
        reader.read(8); // FNC1, second position: application indicator
        continue;
      }
      const count = reader.read(countBits(mode, version));
      if (mode === 0b0001) {
        for (let left = count; left > 0; left -= 3) {
          const digits = Math.min(3, left);
          const value = reader.read([0, 4, 7, 10][digits]!);
          if (value >= 10 ** digits) return null;
          text += String(value).padStart(digits, '0');
        }
      } else if (mode === 0b0010) {
        for (let left = count; left > 0; left -= 2) {
          if (left >= 2) {
            const value = reader.read(11);
            if (value >= 45 * 45) return null;
            text += ALPHANUMERIC[Math.floor(value / 45)]! + ALPHANUMERIC[value % 45]!;
          } else {
            const value = reader.read(6);
            if (value >= 45) return null;
            text += ALPHANUMERIC[value]!;
          }
        }
      } else if (mode === 0b0100) {
        const bytes: number[] = [];
        for (let i = 0; i < count; i++) bytes.push(reader.read(8));
        text += bytesToText(bytes, charset);
      } else if (mode === 0b1000) {
        // Kanji: 13 bits per character back to its Shift JIS code (§7.4.6).
        const bytes: number[] = [];
        for (let i = 0; i < count; i++) {
          const value = reader.read(13);
          const packed = (Math.floor(value / 0xc0) << 8) | (value % 0xc0);
          const code = packed + (packed < 0x1f00 ? 0x8140 : 0xc140);
          bytes.push(code >> 8, code & 0xff);
        }
        text += new TextDecoder('shift_jis').decode(new Uint8Array(bytes));
      } else {
        return null;
      }
    }
  } catch {
    return null; // a segment claims more data than the symbol holds
  }
  return text;
}

/** The text of a QR code given as its module grid, or null when it cannot be read. */
export function decodeSymbol(grid: ModuleGrid): string | null {
  const version = versionForSize(grid.size);
  if (version === null || grid.modules.length !== grid.size * grid.size) return null;
  const format = decodeFormat(readFormatCopies(grid));
  if (!format) return null;
  const data = correctedData(readCodewords(grid, version, format.mask), version, format.level);
  return data && parseSegments(data, version);
}
