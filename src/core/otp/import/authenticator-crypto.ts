/**
 * How the Authenticator browser extension encrypts a backup (its key format version 3):
 *
 * - A `Key` record `{ id, salt, hash }`. The entries' passphrase is the hash part of
 *   Argon2id(password, salt as UTF-8; t = 2, m = 19 MiB, p = 1, 32 bytes) in PHC's unpadded base64;
 *   `hash` is an encoded Argon2id of that passphrase, so a wrong password is told before any entry
 *   is opened (RFC 9106 for Argon2; the PHC string format for the encoding).
 * - Each entry's JSON, and each group's, is CryptoJS's `AES.encrypt(text, passphrase)`: OpenSSL's
 *   "Salted__" format — an 8-byte salt, the key and IV from EVP_BytesToKey with MD5 and one round,
 *   AES-256-CBC with PKCS #7 padding (RFC 2315 §10.3), all in base64.
 *
 * Older versions encrypted each secret alone with the typed password (`encrypted: true`), the same
 * way. WebCrypto has neither Argon2 nor MD5; hash-wasm gives both.
 */
import { argon2id, argon2Verify, md5 } from 'hash-wasm';
import { fromBase64, fromHex } from '../../encoding';
import { OtpInputError } from '../otp-error';
import { fileError } from './import-entry';

const APP = 'Authenticator';

/** The parameters the extension hashes the password with; they are in its code, not in the file. */
const PASSWORD_ARGON2 = { iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32 } as const;

/**
 * The bounds on the check hash's own parameters (they are read from the file; the extension writes
 * its password constants there too): a hostile file must not make the page hash for minutes or
 * allocate gigabytes — at most 8 keys of at most 64 MiB × 4 passes.
 */
const CHECK_HASH =
  /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{22,88}$/;
const MAX_CHECK_MEMORY_KIB = 64 * 1024;
const MAX_CHECK_ITERATIONS = 4;
const MAX_CHECK_PARALLELISM = 4;

/** The entries' passphrase of a `Key` record, or `importWrongPassword`. */
export async function unlockAuthenticatorKey(key: Record<string, unknown>, password: string): Promise<string> {
  const { salt, hash } = key;
  if (typeof salt !== 'string' || new TextEncoder().encode(salt).length < 8 || salt.length > 256)
    throw fileError('importDamaged', APP);
  const check = typeof hash === 'string' ? CHECK_HASH.exec(hash) : null;
  if (
    !check ||
    Number(check[1]) > MAX_CHECK_MEMORY_KIB ||
    Number(check[2]) > MAX_CHECK_ITERATIONS ||
    Number(check[3]) > MAX_CHECK_PARALLELISM
  )
    throw fileError('importBadKdf', APP);
  const encoded = await argon2id({ password, salt, ...PASSWORD_ARGON2, outputType: 'encoded' });
  const passphrase = encoded.split('$')[5]!;
  let right: boolean;
  try {
    right = await argon2Verify({ password: passphrase, hash: hash as string });
  } catch {
    throw fileError('importDamaged', APP);
  }
  if (!right) throw new OtpInputError('importWrongPassword', { app: APP });
  return passphrase;
}

const SALTED = new TextEncoder().encode('Salted__');

/**
 * The text CryptoJS's `AES.encrypt(text, passphrase)` sealed, or null when it does not open (a
 * wrong passphrase shows as bad padding or as bytes that are not UTF-8; CBC has no tag, so a
 * caller still checks what it reads).
 */
export async function openSslOpen(sealed: unknown, passphrase: string): Promise<string | null> {
  if (typeof sealed !== 'string') return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(sealed);
  } catch {
    return null;
  }
  if (bytes.length < 32 || bytes.length % 16 !== 0 || !SALTED.every((b, i) => bytes[i] === b)) return null;
  const { key, iv } = await evpBytesToKey(new TextEncoder().encode(passphrase), bytes.subarray(8, 16));
  const aes = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, aes, bytes.subarray(16));
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** OpenSSL's EVP_BytesToKey, MD5, one round: D_i = MD5(D_{i−1} ‖ passphrase ‖ salt) until 48 bytes. */
async function evpBytesToKey(passphrase: Uint8Array, salt: Uint8Array) {
  const out = new Uint8Array(48);
  let previous = new Uint8Array(0);
  for (let at = 0; at < out.length; at += 16) {
    previous = fromHex(await md5(new Uint8Array([...previous, ...passphrase, ...salt])));
    out.set(previous, at);
  }
  return { key: out.slice(0, 32), iv: out.slice(32) };
}
