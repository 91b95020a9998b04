/**
 * Google Authenticator's export ("Transfer accounts"): QR codes of
 * `otpauth-migration://offline?data=<base64>`, where data is a protobuf
 * MigrationPayload (google/google-authenticator-android, MigrationPayload.proto):
 *
 *   message MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *     int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
 *     Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 *
 * Read with a few lines of wire format (protobuf encoding: varints and
 * length-delimited fields) rather than a protobuf library; every length is
 * checked against what is left, and anything unexpected is refused.
 */
import { accountText, MAX_SECRET_BYTES, MIN_SECRET_BYTES, type OtpAlgorithm, type OtpParameters } from './otpauth-uri';
import { fromBase64 } from '../encoding';
import { OtpInputError } from './otp-error';

export const MAX_MIGRATION_URI_LENGTH = 8192;
export const MAX_MIGRATION_ACCOUNTS = 100;

const ALGORITHMS: Record<number, OtpAlgorithm | undefined> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, 6 | 8 | undefined> = { 0: 6, 1: 6, 2: 8 };
const TYPES: Record<number, 'hotp' | 'totp' | undefined> = { 0: 'totp', 1: 'hotp', 2: 'totp' };

/** The fields of one message: field number → values (varints as numbers, length-delimited as bytes). */
function fields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const out = new Map<number, (number | Uint8Array)[]>();
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.length) throw new OtpInputError('transferDamaged');
      const byte = bytes[at++]!;
      // Past 2^53 a counter could not be kept exactly; no real one gets there.
      if (shift > 49 && byte & 0x7f) throw new OtpInputError('transferNumberTooLarge');
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    throw new OtpInputError('transferDamaged');
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: number | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      if (length > bytes.length - at) throw new OtpInputError('transferDamaged');
      value = bytes.subarray(at, at + length);
      at += length;
    } else throw new OtpInputError('transferNotGoogle');
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const one = (f: Map<number, (number | Uint8Array)[]>, n: number) => f.get(n)?.at(-1);
const str = (v: number | Uint8Array | undefined) => {
  if (v === undefined) return '';
  if (typeof v === 'number') throw new OtpInputError('transferDamaged');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(v).trim();
  } catch {
    throw new OtpInputError('transferNameNotText');
  }
};
const num = (v: number | Uint8Array | undefined) => {
  if (v !== undefined && typeof v !== 'number') throw new OtpInputError('transferDamaged');
  return v ?? 0;
};

/** The accounts of one `otpauth-migration://` code, in order; an OtpInputError for anything else. */
export function parseMigrationUri(uri: string): OtpParameters[] {
  if (uri.length > MAX_MIGRATION_URI_LENGTH) throw new OtpInputError('transferTooLong');
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    throw new OtpInputError('notTransferCode');
  }
  if (url.protocol !== 'otpauth-migration:' || url.hostname !== 'offline') throw new OtpInputError('notTransferCode');
  // Form decoding reads an unescaped '+' of the base64 as a space; exporters that do not escape it exist.
  const data = url.searchParams.get('data')?.replace(/ /g, '+');
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw new OtpInputError('transferNoData');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(data);
  } catch {
    throw new OtpInputError('transferNoData');
  }
  const payload = fields(bytes);
  const entries = payload.get(1) ?? [];
  if (entries.length === 0) throw new OtpInputError('transferNoAccount');
  if (entries.length > MAX_MIGRATION_ACCOUNTS)
    throw new OtpInputError('transferTooManyAccounts', { max: MAX_MIGRATION_ACCOUNTS });
  return entries.map((entry) => {
    if (typeof entry === 'number') throw new OtpInputError('transferDamaged');
    const f = fields(entry);
    const secret = one(f, 1);
    if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES)
      throw new OtpInputError('transferNoSecret');
    const algorithm = ALGORITHMS[num(one(f, 4))];
    if (!algorithm) throw new OtpInputError('transferMd5');
    const digits = DIGITS[num(one(f, 5))];
    const kind = TYPES[num(one(f, 6))];
    if (!digits || !kind) throw new OtpInputError('transferUnknownKind');
    const name = str(one(f, 2));
    const colon = name.indexOf(':');
    // The same checks as a name typed in or read from an otpauth:// URI (bidi controls out).
    const issuer = accountText(str(one(f, 3)) || (colon >= 0 ? name.slice(0, colon) : ''), 'issuer');
    const label = accountText(colon >= 0 ? name.slice(colon + 1) : name, 'name');
    return {
      kind,
      issuer,
      label,
      secret: new Uint8Array(secret),
      algorithm,
      digits,
      period: 30,
      counter: num(one(f, 7)),
    };
  });
}
