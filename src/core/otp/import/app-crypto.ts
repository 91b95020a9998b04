/**
 * The key derivations and ciphers other authenticators encrypt their exports with, on WebCrypto
 * (PBKDF2, AES-GCM) and hash-wasm's scrypt (RFC 7914; WebCrypto has none). Every parameter a file
 * gives is bounded before any work: a hostile file must not make the browser hash for minutes or
 * allocate gigabytes.
 */
import { scrypt } from 'hash-wasm';
import { fromBase64 as base64Bytes, fromHex as hexBytes } from '../../encoding';
import { OtpInputError } from '../otp-error';
import { fileError, type ImportApp } from './import-entry';

/** A file's hex or base64 field as bytes, or the app's damaged-file error. */
function field(decode: (text: string) => Uint8Array<ArrayBuffer>) {
  return (text: unknown, app: ImportApp): Uint8Array<ArrayBuffer> => {
    if (typeof text !== 'string') throw fileError('importDamaged', app);
    try {
      return decode(text);
    } catch {
      throw fileError('importDamaged', app);
    }
  };
}
export const fromHex = field(hexBytes);
export const fromBase64 = field(base64Bytes);

/** PBKDF2 (RFC 8018 §5.2) as a 256-bit key, at most `maxIterations`. */
export async function pbkdf2(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256',
  app: ImportApp,
  maxIterations = 2_000_000,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > maxIterations)
    throw fileError('importBadKdf', app);
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash }, base, 256));
}

/**
 * scrypt (RFC 7914) as a 256-bit key. N a power of two up to 2^20 and 128·N·r ≤ 256 MiB: Aegis
 * writes N = 2^15, r = 8, p = 1 (32 MiB).
 */
export async function scryptKey(
  password: string,
  salt: Uint8Array,
  params: { n: unknown; r: unknown; p: unknown },
  app: ImportApp,
): Promise<Uint8Array<ArrayBuffer>> {
  const { n, r, p } = params;
  const ok =
    typeof n === 'number' &&
    typeof r === 'number' &&
    typeof p === 'number' &&
    Number.isInteger(Math.log2(n)) &&
    n >= 2 &&
    n <= 2 ** 20 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 4 &&
    128 * n * r <= 256 * 1024 * 1024;
  if (!ok) throw fileError('importBadKdf', app);
  const key = await scrypt({
    password: new TextEncoder().encode(password.normalize('NFC')),
    salt,
    costFactor: n,
    blockSize: r,
    parallelism: p,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(key);
}

/**
 * AES-256-GCM (NIST SP 800-38D) of `sealed` = ciphertext ‖ 16-byte tag, as Java and Android write
 * it. A failed tag is a wrong password or a changed file; GCM cannot tell the two apart, and both
 * are said as the wrong password.
 */
export async function aesGcmOpen(
  rawKey: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array<ArrayBuffer>,
  app: ImportApp,
): Promise<Uint8Array<ArrayBuffer>> {
  if (rawKey.length !== 32 || iv.length !== 12 || sealed.length < 16) throw fileError('importDamaged', app);
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed));
  } catch {
    throw new OtpInputError('importWrongPassword', { app });
  }
}

/** JSON of decrypted bytes, or the app's damaged-file error. */
export function decryptedJson(plain: Uint8Array, app: ImportApp): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw fileError('importDamaged', app);
  } finally {
    plain.fill(0);
  }
}
