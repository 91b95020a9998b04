/**
 * Reed–Solomon error correction as QR codes use it (ISO/IEC 18004:2015 §7.5.2):
 * GF(2⁸) with the primitive polynomial x⁸+x⁴+x³+x²+1 (0x11D), generator
 * roots α⁰…α^(e−1). The first codeword of a block is the highest-degree
 * coefficient. Decoding: syndromes → Berlekamp–Massey → Chien search → Forney.
 */

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  // Doubled so that EXP[LOG[a] + LOG[b]] needs no modulo.
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}

export function gfMultiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

function gfDivide(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(256)');
  return a === 0 ? 0 : EXP[LOG[a]! + 255 - LOG[b]!]!;
}

/** α^power, for any integer power. */
function alphaTo(power: number): number {
  return EXP[((power % 255) + 255) % 255]!;
}

/** A polynomial with coefficients lowest degree first, evaluated at x. */
function evaluate(poly: readonly number[], x: number): number {
  let y = 0;
  for (let i = poly.length - 1; i >= 0; i--) y = gfMultiply(y, x) ^ poly[i]!;
  return y;
}

/** Syndromes S_k = r(α^k), k = 0…ecCount−1; all zero for a valid codeword. */
export function syndromes(block: Uint8Array, ecCount: number): number[] {
  const result: number[] = [];
  for (let k = 0; k < ecCount; k++) {
    const x = EXP[k]!;
    let s = 0;
    for (const byte of block) s = gfMultiply(s, x) ^ byte;
    result.push(s);
  }
  return result;
}

/**
 * Corrects `block` (data then `ecCount` EC codewords) in place. Returns the
 * number of corrected codewords, or -1 when the errors are beyond the code's
 * reach (more than ecCount/2 wrong codewords, as far as that can be told).
 */
export function correctErrors(block: Uint8Array, ecCount: number): number {
  const s = syndromes(block, ecCount);
  if (s.every((value) => value === 0)) return 0;

  // Berlekamp–Massey: the shortest LFSR (error locator Λ, lowest degree first).
  let locator = [1];
  let previous = [1];
  let length = 0;
  let shift = 1;
  let previousDiscrepancy = 1;
  for (let n = 0; n < ecCount; n++) {
    let discrepancy = s[n]!;
    for (let i = 1; i <= length; i++) discrepancy ^= gfMultiply(locator[i] ?? 0, s[n - i]!);
    if (discrepancy === 0) {
      shift++;
      continue;
    }
    const factor = gfDivide(discrepancy, previousDiscrepancy);
    const next = locator.slice();
    for (let i = 0; i < previous.length; i++) {
      next[i + shift] = (next[i + shift] ?? 0) ^ gfMultiply(factor, previous[i]!);
    }
    if (2 * length <= n) {
      previous = locator;
      length = n + 1 - length;
      previousDiscrepancy = discrepancy;
      shift = 1;
    } else {
      shift++;
    }
    locator = next;
  }
  if (2 * length > ecCount) return -1;

  // Chien search: position j (counted from the block's end) is wrong where Λ(α^−j) = 0.
  const n = block.length;
  const positions: number[] = [];
  for (let j = 0; j < n; j++) if (evaluate(locator, alphaTo(-j)) === 0) positions.push(j);
  if (positions.length !== length) return -1;

  // Forney, for first root α⁰ (b = 0): e_j = X_j · Ω(X_j⁻¹) / Λ'(X_j⁻¹), Ω = S·Λ mod x^ecCount.
  const omega = new Array<number>(ecCount).fill(0);
  for (let i = 0; i < ecCount; i++) {
    for (let k = 0; k <= i && k < locator.length; k++) omega[i]! ^= gfMultiply(locator[k]!, s[i - k]!);
  }
  // Formal derivative in characteristic 2: only the odd terms remain.
  const derivative = locator.map((c, i) => (i % 2 === 1 ? c : 0)).slice(1);
  for (const j of positions) {
    const inverse = alphaTo(-j);
    const denominator = evaluate(derivative, inverse);
    if (denominator === 0) return -1;
    const magnitude = gfMultiply(alphaTo(j), gfDivide(evaluate(omega, inverse), denominator));
    block[n - 1 - j]! ^= magnitude;
  }
  return syndromes(block, ecCount).every((value) => value === 0) ? positions.length : -1;
}
