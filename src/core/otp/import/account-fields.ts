/**
 * An account from the fields an app's JSON gives, held to the same rules as an `otpauth://` URI
 * (otpauth-uri.ts): a secret of 80–1024 bits, SHA-1/256/512, 6–8 digits, a period of 1–3600 s,
 * names without control characters. Steam takes Steam's own parameters whatever the file says.
 */
import { OtpInputError } from '../otp-error';
import {
  accountText,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  OTP_ALGORITHMS,
  parseBase32Secret,
  steamAccount,
  type OtpAlgorithm,
} from '../otpauth-uri';
import type { ImportedAccount } from './import-entry';

export interface AccountFields {
  /** The app's own name of the kind ("totp", "TOTP", "STEAM", "Totp"…). */
  type: unknown;
  /** Base32 text, or the bytes themselves. */
  secret: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  issuer?: unknown;
  label?: unknown;
  pinned?: unknown;
  site?: string;
  group?: unknown;
}

function whole(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new OtpInputError('notWholeNumber', { name });
  if (value < min || value > max) throw new OtpInputError('numberOutOfRange', { name, min, max });
  return value;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function secretOf(value: unknown): Uint8Array {
  if (typeof value === 'string') return parseBase32Secret(value);
  if (!(value instanceof Uint8Array)) throw new OtpInputError('noSecret');
  if (value.length < MIN_SECRET_BYTES) throw new OtpInputError('secretTooShort', { bits: MIN_SECRET_BYTES * 8 });
  if (value.length > MAX_SECRET_BYTES) throw new OtpInputError('secretTooLong');
  return value;
}

export function accountFromFields(f: AccountFields): ImportedAccount {
  const type = typeof f.type === 'string' ? f.type.toLowerCase() : '';
  const issuer = accountText(text(f.issuer), 'issuer');
  const label = accountText(text(f.label), 'name');
  const group = accountText(text(f.group), 'issuer');
  const extra = { site: f.site ?? '', pinned: f.pinned === true, ...(group && { group }) };
  if (type === 'steam') return { ...steamAccount(issuer, label, secretOf(f.secret)), ...extra };
  if (type !== 'totp' && type !== 'hotp')
    throw new OtpInputError('entryKindUnsupported', { kind: text(f.type).slice(0, 20) || '?' });
  const algorithm = (typeof f.algorithm === 'string' ? f.algorithm : 'SHA1').toUpperCase().replace('-', '');
  if (!(OTP_ALGORITHMS as readonly string[]).includes(algorithm))
    throw new OtpInputError('algorithmUnsupported', { algorithm: algorithm.slice(0, 20) });
  return {
    kind: type,
    issuer,
    label,
    secret: secretOf(f.secret),
    algorithm: algorithm as OtpAlgorithm,
    digits: whole(f.digits, 'digits', 6, 6, 8) as 6 | 7 | 8,
    period: whole(f.period, 'period', 30, 1, 3600),
    counter: whole(f.counter, 'counter', 0, 0, Number.MAX_SAFE_INTEGER),
    ...extra,
  };
}

/** A plain object of a parsed JSON file, or null (arrays, strings, null are not records). */
export const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
