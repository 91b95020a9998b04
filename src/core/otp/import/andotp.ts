/**
 * andOTP's backups (its wiki, "Backups"): plain, a JSON array of `{ secret (base32), issuer, label,
 * digits, type: TOTP|HOTP|STEAM, algorithm, period, counter, tags }`; encrypted (`.json.aes`, since
 * 0.6.3), binary: iterations (4 bytes, big-endian) ‖ salt (12) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖
 * tag (16), the key PBKDF2-HMAC-SHA1(password, salt, iterations) — andOTP picks 140,000–160,000.
 */
import { accountFromFields, record } from './account-fields';
import { aesGcmOpen, decryptedJson, pbkdf2 } from './app-crypto';
import { boundedList, entryName, fileError, readEntry, type ImportReading } from './import-entry';

const APP = 'andOTP';
const HEADER = 4 + 12 + 12;

/** A plain andOTP backup: an array of objects that carry a secret and a type. */
export const isAndOtp = (json: unknown) =>
  Array.isArray(json) && json.length > 0 && json.every((e) => record(e) !== null && 'secret' in e! && 'type' in e!);

/** Whether bytes that are no text can be andOTP's encrypted backup. */
export const mayBeAndOtpEncrypted = (bytes: Uint8Array) => bytes.length >= HEADER + 16;

export async function readAndOtpEncrypted(bytes: Uint8Array, password: string | null): Promise<ImportReading> {
  if (password === null) throw fileError('importNeedsPassword', APP);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const iterations = view.getUint32(0);
  const salt = bytes.slice(4, 16);
  const iv = bytes.slice(16, 28);
  const key = await pbkdf2(password, salt, iterations, 'SHA-1', APP);
  try {
    return readAndOtp(decryptedJson(await aesGcmOpen(key, iv, bytes.slice(HEADER), APP), APP));
  } finally {
    key.fill(0);
  }
}

export function readAndOtp(json: unknown): ImportReading {
  const entries = boundedList(json, APP).map((raw) => {
    const e = record(raw);
    return readEntry(entryName(e?.issuer, e?.label), () =>
      accountFromFields({
        type: e!.type,
        secret: e!.secret,
        algorithm: e!.algorithm,
        digits: e!.digits,
        period: e!.period,
        counter: e!.counter,
        issuer: e!.issuer,
        label: e!.label,
        group: Array.isArray(e!.tags) ? e!.tags[0] : undefined,
      }),
    );
  });
  return { app: APP, entries };
}
