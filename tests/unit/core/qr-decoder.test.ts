import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeSymbol, parseSegments, type ModuleGrid } from '../../../src/core/qr/decode-symbol';
import { correctErrors, syndromes } from '../../../src/core/qr/reed-solomon';
import {
  alignmentCentres,
  decodeFormat,
  functionModules,
  totalEcCodewords,
  type EcLevel,
} from '../../../src/core/qr/symbol';

// The qrcode package (the server's encoder) is an independent implementation to check against.
const require = createRequire(import.meta.url);
const ecTables = require('qrcode/lib/core/error-correction-code.js') as {
  getTotalCodewordsCount(version: number, level: unknown): number;
};
const ecLevels = require('qrcode/lib/core/error-correction-level.js') as Record<EcLevel, unknown>;
const alignment = require('qrcode/lib/core/alignment-pattern.js') as { getRowColCoords(version: number): number[] };
const toSJIS = require('qrcode/helper/to-sjis.js') as (text: string) => number;

interface Symbol {
  modules: { size: number; data: Uint8Array; reservedBit: Uint8Array };
  version: number;
}

function encode(data: string | QRCode.QRCodeSegment[], options: QRCode.QRCodeOptions = {}): Symbol {
  return QRCode.create(data, { toSJISFunc: toSJIS, ...options }) as unknown as Symbol;
}

function gridOf(symbol: Symbol): ModuleGrid {
  return { size: symbol.modules.size, modules: Uint8Array.from(symbol.modules.data) };
}

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('Reed–Solomon over GF(256)', () => {
  // ISO/IEC 18004:2015 Annex I.3: "01234567" as version 1-M (16 data + 10 EC codewords).
  const ANNEX_I = hex('10200c566180ec11ec11ec11ec11ec11' + 'a524d4c1ed36c7872c55');
  // "HELLO WORLD" as version 1-M, the worked example of the encoding tutorials (thonky.com).
  const HELLO = hex('205b0b78d172dc4d4340ec11ec11ec11' + 'c4232777ebd7e7e25d17');

  it('accepts the standard’s known-answer codewords as they are', () => {
    for (const block of [ANNEX_I, HELLO]) {
      expect(syndromes(block, 10)).toEqual(new Array(10).fill(0));
      expect(correctErrors(Uint8Array.from(block), 10)).toBe(0);
    }
  });

  it('corrects up to half its EC codewords, wherever the errors are', () => {
    const random = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const block = Uint8Array.from(trial % 2 ? ANNEX_I : HELLO);
      const errors = 1 + (trial % 5);
      const positions = new Set<number>();
      while (positions.size < errors) positions.add(Math.floor(random() * block.length));
      for (const p of positions) block[p]! ^= 1 + Math.floor(random() * 255);
      expect(correctErrors(block, 10)).toBe(errors);
      expect(block).toEqual(trial % 2 ? ANNEX_I : HELLO);
    }
  });

  it('reports errors beyond its reach instead of inventing data', () => {
    const random = rng(11);
    let refused = 0;
    for (let trial = 0; trial < 300; trial++) {
      const block = Uint8Array.from(HELLO);
      const positions = new Set<number>();
      while (positions.size < 8) positions.add(Math.floor(random() * block.length));
      for (const p of positions) block[p]! ^= 1 + Math.floor(random() * 255);
      const result = correctErrors(block, 10);
      if (result < 0) refused++;
      else expect(syndromes(block, 10)).toEqual(new Array(10).fill(0)); // a different valid codeword, never garbage
    }
    expect(refused).toBeGreaterThan(290);
  });
});

describe('format information (ISO/IEC 18004:2015 §7.9, Annex C)', () => {
  // Annex C's worked example: level M (00), mask 101 → BCH 0011011100 → masked with 101010000010010.
  const ANNEX_C = 0b100000011001110;

  it('reads the standard’s example, also with up to three wrong bits', () => {
    expect(decodeFormat([ANNEX_C])).toEqual({ level: 'M', mask: 5 });
    expect(decodeFormat([ANNEX_C ^ 0b000100000100001])).toEqual({ level: 'M', mask: 5 });
    // One copy beyond repair, the other fine.
    expect(decodeFormat([ANNEX_C ^ 0b111100000000000, ANNEX_C])).toEqual({ level: 'M', mask: 5 });
  });

  it('refuses words four or more bits from every valid one', () => {
    const far = Array.from({ length: 1 << 15 }, (_, word) => word).filter((word) => decodeFormat([word]) === null);
    // The 32 words' balls of radius 3 hold 32 × 576 = 18,432 of the 32,768 words; the rest are refused.
    expect(far).toHaveLength(32_768 - 18_432);
  });
});

describe('QR symbol layout', () => {
  it('has the EC codeword totals of ISO/IEC 18004 Table 9 for every version and level', () => {
    for (let version = 1; version <= 40; version++)
      for (const level of ['L', 'M', 'Q', 'H'] as const)
        expect(totalEcCodewords(version, level), `${version}-${level}`).toBe(
          ecTables.getTotalCodewordsCount(version, ecLevels[level]),
        );
  });

  it('places alignment patterns as Annex E does', () => {
    expect(alignmentCentres(1)).toEqual([]);
    expect(alignmentCentres(2)).toEqual([6, 18]);
    expect(alignmentCentres(7)).toEqual([6, 22, 38]);
    expect(alignmentCentres(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentCentres(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
    for (let version = 1; version <= 40; version++)
      expect(alignmentCentres(version)).toEqual(alignment.getRowColCoords(version));
  });

  it('reserves exactly the function modules an encoder reserves, for every version', () => {
    for (let version = 1; version <= 40; version++) {
      const symbol = encode('1', { version, errorCorrectionLevel: 'L' });
      expect(functionModules(version), `version ${version}`).toEqual(Uint8Array.from(symbol.modules.reservedBit));
    }
  });
});

describe('decoding a QR symbol from its modules', () => {
  const texts = [
    'sidekey://enrol?v=1&origin=https%3A%2F%2Flogin.example.eu&id=AAAAAAAAAAAAAAAAAAAAAA&token=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    'HELLO WORLD',
    '01234567890123456789',
    'Grüße aus Brüssel — €',
  ];

  it('reads every version, level and mask that an encoder writes', () => {
    for (let version = 1; version <= 40; version++) {
      const level = (['L', 'M', 'Q', 'H'] as const)[version % 4]!;
      const maskPattern = version % 8;
      // About 80% of what the symbol holds in byte mode, the rest padding.
      const dataCodewords = functionModules(version).filter((reserved) => !reserved).length / 8;
      const room = Math.floor((dataCodewords - totalEcCodewords(version, level) - 3) * 0.8);
      let text = texts[version % texts.length]!.repeat(40).slice(0, room);
      while (Buffer.byteLength(text) > room) text = text.slice(0, -1);
      const symbol = encode(text, {
        version,
        errorCorrectionLevel: level,
        maskPattern: maskPattern as QRCode.QRCodeMaskPattern,
      });
      expect(decodeSymbol(gridOf(symbol)), `${version}-${level} mask ${maskPattern}`).toBe(text);
    }
    for (let mask = 0; mask < 8; mask++)
      for (const level of ['L', 'M', 'Q', 'H'] as const) {
        const symbol = encode(texts[0]!, {
          errorCorrectionLevel: level,
          maskPattern: mask as QRCode.QRCodeMaskPattern,
        });
        expect(decodeSymbol(gridOf(symbol)), `${level} mask ${mask}`).toBe(texts[0]);
      }
  });

  it('reads numeric, alphanumeric, byte and kanji segments in one symbol, in all three count-length groups', () => {
    const segments: QRCode.QRCodeSegment[] = [
      { data: '0123456789', mode: 'numeric' },
      { data: 'AB-12 $%*+./:', mode: 'alphanumeric' },
      { data: Buffer.from('wörd'), mode: 'byte' },
      { data: '漢字テスト', mode: 'kanji' },
      { data: '7', mode: 'numeric' },
      { data: 'Z', mode: 'alphanumeric' },
    ];
    for (const version of [5, 15, 30])
      expect(decodeSymbol(gridOf(encode(segments, { version })))).toBe('0123456789AB-12 $%*+./:wörd漢字テスト7Z');
  });

  it('corrects damaged modules and a damaged copy of the format information', () => {
    const symbol = encode(texts[0]!, { errorCorrectionLevel: 'M' });
    const grid = gridOf(symbol);
    const reserved = functionModules(symbol.version);
    const random = rng(5);
    // A few scattered module errors: each costs at most one codeword per block.
    for (let n = 0; n < 6;) {
      const index = Math.floor(random() * grid.modules.length);
      if (reserved[index]) continue;
      grid.modules[index]! ^= 1;
      n++;
    }
    // Three wrong bits in the first format copy; the BCH code or the second copy still tells.
    for (const column of [0, 2, 4]) grid.modules[8 * grid.size + column]! ^= 1;
    expect(decodeSymbol(grid)).toBe(texts[0]);
  });

  it('gives null, without throwing, for grids that are not QR codes', () => {
    const random = rng(9);
    expect(decodeSymbol({ size: 20, modules: new Uint8Array(400) })).toBeNull();
    expect(decodeSymbol({ size: 21, modules: new Uint8Array(10) })).toBeNull();
    expect(decodeSymbol({ size: 181, modules: new Uint8Array(181 * 181) })).toBeNull();
    expect(decodeSymbol({ size: 21, modules: new Uint8Array(441) })).toBeNull();
    for (let trial = 0; trial < 50; trial++) {
      const size = 21 + 4 * Math.floor(random() * 20);
      const modules = Uint8Array.from({ length: size * size }, () => (random() < 0.5 ? 1 : 0));
      expect(decodeSymbol({ size, modules })).toBeNull();
    }
    // A real code with too much of it gone.
    const grid = gridOf(encode(texts[1]!, { errorCorrectionLevel: 'L' }));
    for (let i = 9 * grid.size; i < 14 * grid.size; i++) grid.modules[i]! ^= 1;
    expect(decodeSymbol(grid)).toBeNull();
  });
});

describe('data segments', () => {
  function bits(...fields: [number, number][]): Uint8Array {
    const text = fields.map(([value, length]) => value.toString(2).padStart(length, '0')).join('');
    const padded = text.padEnd(Math.ceil(text.length / 8) * 8, '0');
    return Uint8Array.from(padded.match(/.{8}/g)!, (byte) => parseInt(byte, 2));
  }

  it('honours ECI UTF-8 and ISO-8859-1 designators', () => {
    // ECI 26 (UTF-8), byte mode, 2 bytes: "é" = C3 A9.
    expect(parseSegments(bits([0b0111, 4], [26, 8], [0b0100, 4], [2, 8], [0xc3, 8], [0xa9, 8]), 1)).toBe('é');
    // ECI 3 (ISO-8859-1): the same two bytes are two characters.
    expect(parseSegments(bits([0b0111, 4], [3, 8], [0b0100, 4], [2, 8], [0xc3, 8], [0xa9, 8]), 1)).toBe('Ã©');
    // A two-byte designator (10xxxxxx xxxxxxxx) for 26 still works.
    expect(parseSegments(bits([0b0111, 4], [0x80, 8], [26, 8], [0b0100, 4], [1, 8], [0x41, 8]), 1)).toBe('A');
  });

  it('refuses unknown character sets, unknown modes, overlong counts and out-of-range values', () => {
    expect(parseSegments(bits([0b0111, 4], [99, 8], [0b0100, 4], [1, 8], [0x41, 8]), 1)).toBeNull();
    expect(parseSegments(bits([0b0110, 4], [0, 20]), 1)).toBeNull();
    expect(parseSegments(bits([0b0100, 4], [200, 8], [0x41, 8]), 1)).toBeNull();
    expect(parseSegments(bits([0b0001, 4], [3, 10], [1000, 10]), 1)).toBeNull();
    expect(parseSegments(bits([0b0010, 4], [2, 9], [2025, 11]), 1)).toBeNull();
  });

  it('skips structured append and FNC1 headers', () => {
    expect(parseSegments(bits([0b0011, 4], [0x1234, 16], [0b0101, 4], [0b0100, 4], [1, 8], [0x41, 8]), 1)).toBe('A');
  });
});
