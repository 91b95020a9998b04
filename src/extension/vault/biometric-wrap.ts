/**
 * Biometric unlock (the guide's fingerprint recognition): the OCRA key wrapped
 * a second time under a key derived from the WebAuthn PRF extension's output
 * (WebAuthn Level 3 §10.1.4) for a platform credential on the extension's own
 * origin. The PRF output is 256 random bits that only the authenticator can
 * produce after user verification, so unlike the PIN it cannot be guessed
 * offline: AES-256-GCM with its tag is safe here, and a wrong unlock fails loudly.
 */
import { base64url, fromBase64url } from '../../core/encoding';

export interface BiometricUnlock {
  /** The platform credential (base64url) whose PRF unlocks the key. */
  credentialId: string;
  /** The PRF input, 32 random bytes (base64url): the same at every use. */
  prfSalt: string;
  /** AES-GCM nonce and ciphertext+tag of the OCRA key, base64url. */
  iv: string;
  ciphertext: string;
}

const subtle = () => globalThis.crypto.subtle;
const INFO = new TextEncoder().encode('sidekey-biometric-unlock-v1');

/** HKDF-SHA256 (RFC 5869) from the PRF output to an AES-256-GCM key, bound to the account (salt). */
async function unlockKey(prfOutput: Uint8Array<ArrayBuffer>, accountId: string): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', prfOutput, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode(accountId), info: INFO },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function wrapForBiometric(
  secret: Uint8Array<ArrayBuffer>,
  prfOutput: Uint8Array<ArrayBuffer>,
  accountId: string,
  credentialId: string,
  prfSalt: string,
): Promise<BiometricUnlock> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await unlockKey(prfOutput, accountId);
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, key, secret));
  return { credentialId, prfSalt, iv: base64url(iv), ciphertext: base64url(ciphertext) };
}

/** Throws (OperationError) when the PRF output is not the one the key was wrapped with. */
export async function unwrapWithBiometric(
  unlock: BiometricUnlock,
  prfOutput: Uint8Array<ArrayBuffer>,
  accountId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await unlockKey(prfOutput, accountId);
  return new Uint8Array(
    await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64url(unlock.iv) }, key, fromBase64url(unlock.ciphertext)),
  );
}
