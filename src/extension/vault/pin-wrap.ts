/**
 * PIN protection of the device's OCRA key, with no check value (docs/security-model.md,
 * "Knowledge"): the key is encrypted with AES-256-CTR under a key derived from
 * the PIN (PBKDF2-HMAC-SHA256, RFC 8018 §5.2). CTR has no authentication tag,
 * so a wrong PIN decrypts to a different key without any local error; only the
 * server, which counts failures, can tell. A 4-digit PIN has 10,000 values: any
 * verifier on disk would make it fall offline in seconds, whatever the KDF.
 */
import { base64url, fromBase64url } from '../../core/encoding';

/** Costs one derivation per PIN use; measured in `npm run bench`. */
export const PBKDF2_ITERATIONS = 100_000;

export interface WrappedSecret {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** base64url */
  salt: string;
  /** AES-CTR initial counter block, base64url */
  counter: string;
  /** base64url, same length as the secret */
  ciphertext: string;
}

const subtle = () => globalThis.crypto.subtle;

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-CTR', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function wrapSecret(
  secret: Uint8Array<ArrayBuffer>,
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedSecret> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const counter = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const key = await pinKey(pin, salt, iterations);
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-CTR', counter, length: 64 }, key, secret));
  return {
    kdf: 'PBKDF2-SHA256',
    iterations,
    salt: base64url(salt),
    counter: base64url(counter),
    ciphertext: base64url(ciphertext),
  };
}

/** Always succeeds: a wrong PIN yields a wrong secret, indistinguishable here from the right one. */
export async function unwrapSecret(wrapped: WrappedSecret, pin: string): Promise<Uint8Array> {
  const key = await pinKey(pin, fromBase64url(wrapped.salt), wrapped.iterations);
  return new Uint8Array(
    await subtle().decrypt(
      { name: 'AES-CTR', counter: fromBase64url(wrapped.counter), length: 64 },
      key,
      fromBase64url(wrapped.ciphertext),
    ),
  );
}
