/**
 * Verifies requests signed by a device key: ECDSA P-256 with SHA-256 (FIPS
 * 186-5), signatures in IEEE P1363 form (r‖s, what WebCrypto produces), over
 * deviceSignatureInput(). Fresh (±5 minutes) and replay-proof (each nonce once).
 */
import crypto from 'node:crypto';
import { deviceSignatureInput, type DeviceAction, type SignedDeviceRequest } from '../../core/enrolment-api';
import type { Store } from '../store/store';

export const SIGNATURE_SKEW_MS = 5 * 60_000;

/** Imported device keys, by their JWK text: a device signs every request with the same key. */
const keys = new Map<string, crypto.KeyObject>();
const MAX_CACHED_KEYS = 10_000;

function importKey(publicKeyJwk: string): crypto.KeyObject {
  let key = keys.get(publicKeyJwk);
  if (!key) {
    key = crypto.createPublicKey({ key: JSON.parse(publicKeyJwk), format: 'jwk' });
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(publicKeyJwk, key);
  }
  return key;
}

export function verifyDeviceSignature(publicKeyJwk: string, data: string, signature: string): boolean {
  try {
    const key = importKey(publicKeyJwk);
    return crypto.verify(
      'sha256',
      Buffer.from(data, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

export type SignedCheck = 'ok' | 'bad-signature' | 'stale' | 'replayed';

export async function checkSignedRequest(
  store: Store,
  now: () => number,
  action: DeviceAction,
  device: { id: string; publicKeyJwk: string },
  request: SignedDeviceRequest,
): Promise<SignedCheck> {
  if (Math.abs(now() - request.timestamp) > SIGNATURE_SKEW_MS) return 'stale';
  const data = deviceSignatureInput(action, device.id, request.timestamp, request.nonce);
  if (!verifyDeviceSignature(device.publicKeyJwk, data, request.signature)) return 'bad-signature';
  // Only a correctly signed request may use up a nonce (no one else can burn them).
  if (!(await store.devices.useNonce(`${device.id}:${request.nonce}`, 2 * SIGNATURE_SKEW_MS))) return 'replayed';
  return 'ok';
}
