/**
 * The Authenticator browser extension's backup (authenticator.cc): a JSON object of entries keyed
 * by their hash, `{ account, issuer, secret, type, period, digits, algorithm, counter, pinned,
 * encrypted }`. Types: totp, hotp, steam (also a secret prefixed `stm-`), hex and hhex (TOTP and
 * HOTP whose secret is hex), battle (Battle.net, not made by Sidekey). Encrypted backups (entries
 * `encrypted: true`, or `dataType: "EncOTPStorage"` items under an Argon2id-checked `Key`) are
 * named and refused: the user exports again without a password.
 */
import { fromHex } from '../../encoding';
import { OtpInputError } from '../otp-error';
import { accountFromFields, record } from './account-fields';
import { entryName, fileError, MAX_IMPORT_ENTRIES, readEntry, type ImportReading } from './import-entry';

const APP = 'Authenticator';
/** Its algorithm, stored as a name or as its enum's number (1 SHA-1, 2 SHA-256, 3 SHA-512, 4–5 GOST). */
const ALGORITHMS: Record<string, string> = {
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
  4: 'GOST3411-2012-256',
  5: 'GOST3411-2012-512',
};

/** An object whose every value is an entry (a secret and a type) or one of its encryption's items. */
export function isAuthenticatorExtension(file: Record<string, unknown>): boolean {
  const values = Object.values(file).map(record);
  return (
    values.length > 0 &&
    values.every((v) => v !== null && (('secret' in v && 'type' in v) || typeof v.dataType === 'string'))
  );
}

function hexBytes(text: string): Uint8Array {
  try {
    return fromHex(text);
  } catch {
    throw new OtpInputError('secretNotBase32');
  }
}

export function readAuthenticatorExtension(file: Record<string, unknown>): ImportReading {
  const items = Object.values(file).map(record);
  if (items.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  if (items.some((i) => i!.encrypted === true || i!.dataType === 'EncOTPStorage' || i!.dataType === 'Key'))
    throw fileError('importEncryptedUnsupported', APP);
  const entries = items.map((e) =>
    readEntry(entryName(e!.issuer, e!.account), () => {
      const secret = typeof e!.secret === 'string' ? e!.secret : '';
      const type = typeof e!.type === 'string' ? e!.type.toLowerCase() : '';
      const steam = type === 'steam' || secret.startsWith('stm-');
      const hex = type === 'hex' || type === 'hhex';
      return accountFromFields({
        type: steam ? 'steam' : type === 'hex' ? 'totp' : type === 'hhex' ? 'hotp' : type,
        secret: hex ? hexBytes(secret) : steam ? secret.replace(/^stm-/, '') : secret,
        algorithm: ALGORITHMS[String(e!.algorithm)] ?? e!.algorithm,
        digits: e!.digits,
        period: e!.period,
        counter: e!.counter,
        issuer: e!.issuer,
        label: e!.account,
        pinned: e!.pinned,
      });
    }),
  );
  return { app: APP, entries };
}
