/**
 * Devices' OCRA keys, opened from the secret box and imported as non-extractable HMAC keys once
 * (core/ocra.ts importOcraKey), not at every code checked: a QR sign-in checks the code against
 * each of the user's devices. Held in memory like the secret box's own key, which opens them all
 * anyway; keyed by the sealed text, so a device whose key changed is never checked with the old one.
 */
import { importOcraKey } from '../../core/ocra';
import type { SecretBox } from '../platform/secret-box';

const MAX_CACHED_KEYS = 10_000;

export interface OcraKeys {
  /** The device's OCRA key, ready for core/ocra.ts. */
  forDevice(device: { id: string; ocraSuite: string; ocraKeyEnc: string }): Promise<CryptoKey>;
}

/** One per app (in its deps), beside the secret box that opens the keys. */
export function createOcraKeys(secrets: SecretBox): OcraKeys {
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    forDevice(device) {
      const id = `${device.id}\n${device.ocraSuite}\n${device.ocraKeyEnc}`;
      let key = keys.get(id);
      if (!key) {
        const raw = secrets.open(device.ocraKeyEnc, device.id);
        key = importOcraKey(device.ocraSuite, raw).finally(() => raw.fill(0));
        // A key that cannot be imported is not remembered: the next check reports the same error.
        key.catch(() => keys.delete(id));
        if (keys.size >= MAX_CACHED_KEYS) keys.clear();
        keys.set(id, key);
      }
      return key;
    },
  };
}
