/**
 * The key a passphrase opens, for what has no server to count wrong guesses
 * (the one-time-code vault and its backups, docs/otp-accounts.md): Argon2id
 * (RFC 9106) through hash-wasm's WebAssembly build, then AES-256-GCM
 * (NIST SP 800-38D) with a 96-bit random IV per encryption and the context
 * bound as additional data. The KDF's parameters travel with what they
 * protect; those a file may ask for are bounded, so a hostile file cannot make
 * the browser hash for minutes or allocate gigabytes.
 */
import { argon2id } from 'hash-wasm';
import { base64url, fromBase64url } from '../encoding';
import { PassphraseError } from './otp-error';

export interface KdfParams {
  name: 'argon2id';
  /** m, in KiB. */
  memoryKiB: number;
  /** t, passes over the memory. */
  iterations: number;
  /** p, lanes. */
  parallelism: number;
  /** 16 random bytes, base64url. */
  salt: string;
}

/**
 * RFC 9106 §4's second recommendation for memory-constrained settings (64 MiB, t = 3), with one
 * lane (WebAssembly runs one thread). About 0.4 s on this project's test machines (npm run bench
 * prints it, and what an offline guesser pays).
 */
export const KDF_DEFAULTS = { name: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
/** What a file or a stored vault may ask for, at most and at least. */
export const KDF_LIMITS = { memoryKiB: [8 * 1024, 256 * 1024], iterations: [1, 10], parallelism: [1, 4] } as const;

export { MIN_PASSPHRASE_LENGTH } from './limits';

export function newKdfParams(): KdfParams {
  return { ...KDF_DEFAULTS, salt: base64url(crypto.getRandomValues(new Uint8Array(16))) };
}

/** The parameters are within KDF_LIMITS and well formed. */
export function checkKdfParams(params: unknown): params is KdfParams {
  const p = params as Partial<KdfParams> | null;
  const within = (value: unknown, [min, max]: readonly [number, number]) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  return (
    !!p &&
    p.name === 'argon2id' &&
    within(p.memoryKiB, KDF_LIMITS.memoryKiB) &&
    within(p.iterations, KDF_LIMITS.iterations) &&
    within(p.parallelism, KDF_LIMITS.parallelism) &&
    typeof p.salt === 'string' &&
    /^[A-Za-z0-9_-]{22}$/.test(p.salt)
  );
}

/** Argon2id of the passphrase (NFC-normalised, so the same words typed on another system open it). */
export async function argon2idBytes(passphrase: string, params: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: fromBase64url(params.salt),
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  const copy = new Uint8Array(bytes);
  bytes.fill(0);
  return copy;
}

/** The AES-256-GCM key the passphrase derives; the raw bytes are wiped once imported. */
export async function passphraseKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  if (!checkKdfParams(params)) throw new PassphraseError('kdfUnacceptable');
  const raw = await argon2idBytes(passphrase, params);
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

export interface Sealed {
  iv: string;
  data: string;
}

/** AES-256-GCM of `plain` under `key`, with `context` as additional data (bound, not secret). */
export async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    key,
    plain,
  );
  return { iv: base64url(iv), data: base64url(new Uint8Array(data)) };
}

/** The plaintext, or a PassphraseError when the key is wrong or anything (IV, data, context) was changed. */
export async function open(key: CryptoKey, sealed: Sealed, context: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(sealed.iv), additionalData: new TextEncoder().encode(context) },
      key,
      fromBase64url(sealed.data),
    );
    return new Uint8Array(plain);
  } catch {
    throw new PassphraseError('wrongPassphrase');
  }
}
