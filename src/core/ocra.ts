/**
 * OCRA: OATH Challenge-Response Algorithm (RFC 6287), with WebCrypto, for
 * both the extension (computing the one-time password) and the server
 * (verifying it). Every Appendix C vector is a known-answer test.
 *
 *   OCRA-1:HOTP-<hash>-<digits>:[C-]Q<A|N|H><len>[-P<hash>][-S<nnn>][-T<n><S|M|H>]
 */
import { fromHex, hex as toHex } from './encoding';

export class OcraSuiteError extends Error {
  override name = 'OcraSuiteError';
}

type Hash = 'SHA-1' | 'SHA-256' | 'SHA-512';
const HASHES: Record<string, Hash> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };
const HASH_BYTES: Record<Hash, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-512': 64 };
const STEP_SECONDS: Record<string, number> = { S: 1, M: 60, H: 3600 };

export interface OcraSuite {
  text: string;
  hash: Hash;
  /** 0 means the full HMAC (RFC 6287 §5.1); otherwise 4–10. */
  digits: number;
  counter: boolean;
  question: { format: 'A' | 'N' | 'H'; maxLength: number };
  pin?: Hash;
  sessionBytes?: number;
  timeStepSeconds?: number;
}

const SUITE =
  /^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(\d{1,2}):(C-)?Q([ANH])(\d{2})(?:-P(SHA1|SHA256|SHA512))?(?:-S(\d{3}))?(?:-T(\d{1,2})([SMH]))?$/;

/** Suites parsed before: a device has one suite, and each code would otherwise parse it again. */
const parsedSuites = new Map<string, OcraSuite>();
const MAX_PARSED_SUITES = 16;

/** Parses an OCRA suite (RFC 6287 §6); throws OcraSuiteError naming what is wrong. */
export function parseOcraSuite(text: string): OcraSuite {
  const known = parsedSuites.get(text);
  if (known) return known;
  const suite = parseSuiteText(text);
  if (parsedSuites.size >= MAX_PARSED_SUITES) parsedSuites.clear();
  parsedSuites.set(text, suite);
  return suite;
}

function parseSuiteText(text: string): OcraSuite {
  const m = SUITE.exec(text);
  if (!m)
    throw new OcraSuiteError(`Unsupported OCRA suite "${text.slice(0, 80)}", expected e.g. OCRA-1:HOTP-SHA256-8:QH64`);
  const digits = Number(m[2]);
  if (digits !== 0 && (digits < 4 || digits > 10))
    throw new OcraSuiteError(`OCRA suite digits must be 0 or 4–10, got ${digits}`);
  const maxLength = Number(m[5]);
  if (maxLength < 4 || maxLength > 64) throw new OcraSuiteError(`OCRA question length must be 4–64, got ${maxLength}`);
  return {
    text,
    hash: HASHES[m[1]!]!,
    digits,
    counter: m[3] !== undefined,
    question: { format: m[4] as 'A' | 'N' | 'H', maxLength },
    ...(m[6] && { pin: HASHES[m[6]]! }),
    ...(m[7] && { sessionBytes: Number(m[7]) }),
    ...(m[8] && { timeStepSeconds: Number(m[8]) * STEP_SECONDS[m[9]!]! }),
  };
}

export interface OcraInput {
  question: string;
  counter?: bigint | number;
  /** The PIN itself (hashed here) … */
  pin?: string;
  /** … or its hash, as the RFC's vectors give it. */
  pinHash?: Uint8Array;
  session?: Uint8Array;
  /** Time steps since the epoch (floor(unix seconds / step)). */
  timeSteps?: bigint | number;
}

/**
 * Q, as RFC 6287 §5.1 and its reference code build it: 128 bytes, left-aligned,
 * zero-padded. A mutual challenge-response (§7.3) concatenates both sides'
 * questions, so up to twice the suite's length is accepted.
 */
export function questionBytes(suite: OcraSuite, question: string): Uint8Array {
  const { format, maxLength } = suite.question;
  if (question.length < 4 || question.length > 2 * maxLength) {
    throw new RangeError(`OCRA question must have 4–${2 * maxLength} characters, got ${question.length}`);
  }
  let hex: string;
  if (format === 'N') {
    if (!/^\d+$/.test(question)) throw new RangeError('OCRA numeric question must be decimal digits');
    hex = BigInt(question).toString(16);
  } else if (format === 'H') {
    if (!/^[0-9a-fA-F]+$/.test(question)) throw new RangeError('OCRA hex question must be hexadecimal digits');
    hex = question;
  } else {
    if (!/^[\x20-\x7e]+$/.test(question)) throw new RangeError('OCRA alphanumeric question must be printable ASCII');
    hex = [...question].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  }
  return fromHex(hex.padEnd(256, '0'));
}

function uint64(value: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

const subtle = () => globalThis.crypto.subtle;

/**
 * The HMAC key of `suite` (RFC 6287 §5.2: HMAC with the suite's hash), non-extractable: imported
 * once when the secret is unlocked, then used for every code it makes or checks.
 */
export async function importOcraKey(suiteText: string, raw: Uint8Array): Promise<CryptoKey> {
  const { hash } = parseOcraSuite(suiteText);
  return subtle().importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
}

/** The OCRA response for `input` under `suite` with `key` (raw bytes, or a key from importOcraKey). */
export async function ocra(suiteText: string, key: Uint8Array | CryptoKey, input: OcraInput): Promise<string> {
  const suite = parseOcraSuite(suiteText);
  const parts: Uint8Array[] = [new TextEncoder().encode(suite.text), new Uint8Array([0])];
  if (suite.counter) {
    if (input.counter === undefined) throw new TypeError(`${suite.text} needs a counter`);
    parts.push(uint64(input.counter));
  }
  parts.push(questionBytes(suite, input.question));
  if (suite.pin) {
    const pinHash =
      input.pinHash ??
      (input.pin !== undefined
        ? new Uint8Array(await subtle().digest(suite.pin, new TextEncoder().encode(input.pin)))
        : undefined);
    if (!pinHash || pinHash.length !== HASH_BYTES[suite.pin]) throw new TypeError(`${suite.text} needs a PIN`);
    parts.push(pinHash);
  }
  if (suite.sessionBytes !== undefined) {
    if (!input.session || input.session.length !== suite.sessionBytes)
      throw new TypeError(`${suite.text} needs ${suite.sessionBytes} bytes of session information`);
    parts.push(input.session);
  }
  if (suite.timeStepSeconds !== undefined) {
    if (input.timeSteps === undefined) throw new TypeError(`${suite.text} needs a time step`);
    parts.push(uint64(input.timeSteps));
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  const hmacKey = key instanceof Uint8Array ? await importOcraKey(suite.text, key) : key;
  if (hmacKey.algorithm.name !== 'HMAC' || (hmacKey.algorithm as HmacKeyAlgorithm).hash.name !== suite.hash) {
    throw new TypeError(`${suite.text} needs an HMAC-${suite.hash} key`);
  }
  const mac = new Uint8Array(await subtle().sign('HMAC', hmacKey, data));
  if (suite.digits === 0) return toHex(mac);
  // Dynamic truncation, RFC 4226 §5.3.
  const at = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[at]! & 0x7f) << 24) | (mac[at + 1]! << 16) | (mac[at + 2]! << 8) | mac[at + 3]!;
  return String(binary % 10 ** suite.digits).padStart(suite.digits, '0');
}

/** Time steps for a suite with a T parameter, from milliseconds since the epoch. */
export function ocraTimeSteps(suiteText: string, nowMs: number): bigint {
  const { timeStepSeconds } = parseOcraSuite(suiteText);
  if (!timeStepSeconds) throw new TypeError(`${suiteText} has no time step`);
  return BigInt(Math.floor(nowMs / 1000 / timeStepSeconds));
}
