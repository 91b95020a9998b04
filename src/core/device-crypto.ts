/**
 * The device side of the enrolment protocol, in WebCrypto only (runs in the
 * extension and, for tests, in Node): the device key pair, the PIN proof, and
 * signatures over deviceSignatureInput().
 */
import { deviceSignatureInput, ENROL_PIN_CONTEXT, type DeviceAction } from './enrolment-api';
import { base64url, fromBase64url } from './encoding';

const subtle = () => globalThis.crypto.subtle;

/** ECDSA P-256; the private key is non-extractable (docs/security-model.md, "Possession"). */
export function generateDeviceKey(): Promise<CryptoKeyPair> {
  return subtle().generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>;
}

export async function exportPublicKey(key: CryptoKey): Promise<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }> {
  const jwk = await subtle().exportKey('jwk', key);
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

/** HMAC-SHA256(key = PIN, "sidekey-enrol-pin|" + enrolment id), base64url. */
export async function pinProof(pin: string, enrolmentId: string): Promise<string> {
  const key = await subtle().importKey('raw', new TextEncoder().encode(pin), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return base64url(
    new Uint8Array(await subtle().sign('HMAC', key, new TextEncoder().encode(ENROL_PIN_CONTEXT + enrolmentId))),
  );
}

export function randomNonce(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** A signed device request body for `action` (docs/protocol.md §3). */
export async function signDeviceRequest(
  privateKey: CryptoKey,
  action: DeviceAction,
  deviceId: string,
  timestamp = Date.now(),
) {
  const nonce = randomNonce();
  const signature = await signText(privateKey, deviceSignatureInput(action, deviceId, timestamp, nonce));
  return { timestamp, nonce, signature };
}

/** ECDSA P-256 with SHA-256 over the UTF-8 of `text`, IEEE P1363 form, base64url. */
export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  return base64url(new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data)));
}

export { base64url, fromBase64url };
