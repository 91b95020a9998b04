/**
 * FreeOTP+'s JSON export: `{ tokenOrder, tokens: [{ type: TOTP|HOTP, algo, digits, period,
 * counter, issuerExt, label, secret }] }`, the secret as Java's signed bytes (−128…127). FreeOTP
 * keeps the counter of the next HOTP code. Like Aegis, an issuer "Steam" means a Steam account.
 */
import { accountFromFields, record } from './account-fields';
import { boundedList, entryName, readEntry, type ImportReading } from './import-entry';
import { OtpInputError } from '../otp-error';

const APP = 'FreeOTP+';

export const isFreeOtpPlus = (file: Record<string, unknown>) => Array.isArray(file.tokens);

function signedBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value) || value.length > 1024) throw new OtpInputError('noSecret');
  return Uint8Array.from(value, (b) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 127) throw new OtpInputError('entryMalformed');
    return b & 0xff;
  });
}

export function readFreeOtpPlus(file: Record<string, unknown>): ImportReading {
  const entries = boundedList(file.tokens, APP).map((raw) => {
    const e = record(raw);
    const issuer = e?.issuerExt ?? e?.issuerInt;
    return readEntry(entryName(issuer, e?.label), () =>
      accountFromFields({
        type: issuer === 'Steam' && e!.type === 'TOTP' ? 'steam' : e!.type,
        secret: signedBytes(e!.secret),
        algorithm: e!.algo,
        digits: e!.digits,
        period: e!.period,
        counter: e!.counter,
        issuer,
        label: e!.label,
      }),
    );
  });
  return { app: APP, entries };
}
