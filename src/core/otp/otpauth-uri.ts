/**
 * One-time-code accounts of other sites: the `otpauth://` key URI (Google
 * Authenticator's Key Uri Format, the de-facto standard every site's setup QR
 * uses), a base32 secret typed by hand (RFC 4648 §6, spaces and lower case
 * allowed), and the codes (HOTP, RFC 4226; TOTP, RFC 6238) through the
 * `otpauth` package. Everything is checked before anything is kept: a
 * malformed URI, bad base32 or an unknown algorithm is refused with a message
 * that says which, never half an account.
 */
import { HOTP, Secret, TOTP } from 'otpauth';
import { isTimeBased, OTP_ALGORITHMS, type OtpAlgorithm, type OtpKind } from './kinds';
import { OtpInputError } from './otp-error';
import { STEAM_DIGITS, STEAM_PERIOD, steamCode } from './steam';

export { OTP_ALGORITHMS, type OtpAlgorithm } from './kinds';

export interface OtpParameters {
  kind: OtpKind;
  /** The service ("GitHub"); may be empty. */
  issuer: string;
  /** The account at that service ("anna@example.eu"). */
  label: string;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  /** 6–8 for TOTP and HOTP; Steam's codes are always 5 characters. */
  digits: 5 | 6 | 7 | 8;
  /** TOTP: seconds per code (RFC 6238 §4.1, X). */
  period: number;
  /** HOTP: the moving factor of the next code (RFC 4226 §5.2, C). */
  counter: number;
}

export const MAX_URI_LENGTH = 2048;
/** RFC 4226 §4 R6: at least 128 bits; 80-bit secrets (16 base32 characters) are still common, so those pass. */
export const MIN_SECRET_BYTES = 10;
export const MAX_SECRET_BYTES = 128;
const MAX_TEXT = 200;

/**
 * Bidirectional formatting characters (Unicode Bidirectional Algorithm, UAX #9 §2: the embeddings,
 * overrides and isolates, and the implicit marks ALM, LRM, RLM). In a name they only change how the
 * name is drawn — "U+202E buHtiG" is drawn "GitHub" — so every entry path takes them out
 * (CVE-2021-42574, "Trojan Source", is the same trick in source code).
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A base32 secret as people copy it: spaces, hyphens and lower case allowed, padding optional. */
export function parseBase32Secret(text: string): Uint8Array {
  const clean = text.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (!clean) throw new OtpInputError('secretEmpty');
  if (!/^[A-Z2-7]+$/.test(clean)) throw new OtpInputError('secretNotBase32');
  // RFC 4648 §6: 8 characters carry 5 bytes; a final group of 1, 3 or 6 characters carries no whole byte.
  if ([1, 3, 6].includes(clean.length % 8)) throw new OtpInputError('secretBadLength');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (out.length < MIN_SECRET_BYTES) throw new OtpInputError('secretTooShort', { bits: MIN_SECRET_BYTES * 8 });
  if (out.length > MAX_SECRET_BYTES) throw new OtpInputError('secretTooLong');
  return new Uint8Array(out);
}

function integer(value: string | null, name: string, fallback: number, min: number, max: number): number {
  if (value === null) return fallback;
  if (!/^[0-9]{1,16}$/.test(value)) throw new OtpInputError('notWholeNumber', { name });
  const n = Number(value);
  if (n < min || n > max) throw new OtpInputError('numberOutOfRange', { name, min, max });
  return n;
}

/** A name without bidi controls (also applied to names read back from the vault, kept before this rule). */
export const withoutBidiControls = (name: string) => name.replace(BIDI_CONTROLS, '');

/**
 * An issuer or account name as Sidekey keeps it, from any entry path: bidi controls taken out,
 * trimmed, at most 200 characters and no control characters (else an OtpInputError for `what`).
 */
export function accountText(value: string, what: 'issuer' | 'name'): string {
  const trimmed = withoutBidiControls(value).trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (trimmed.length > MAX_TEXT || /[\u0000-\u001f\u007f]/.test(trimmed))
    throw new OtpInputError(what === 'issuer' ? 'issuerTooLong' : 'nameTooLong');
  return trimmed;
}

/**
 * An `otpauth://totp/…`, `otpauth://hotp/…` or Steam URI as an account's parameters, or an
 * OtpInputError. Steam is written four ways by the apps that export it: `otpauth://steam/…` (Aegis,
 * 2FAS, Ente), `encoder=steam` on a TOTP URI (KeePassXC, the Authenticator extension),
 * `issuer=Steam` with 5 digits, and Bitwarden's bare `steam://SECRET`.
 */
export function parseOtpauthUri(uri: string): OtpParameters {
  if (uri.length > MAX_URI_LENGTH) throw new OtpInputError('uriTooLong');
  const bare = /^steam:\/\/([A-Za-z2-7=\s-]+)$/i.exec(uri.trim());
  if (bare) return steamAccount('', '', parseBase32Secret(bare[1]!));
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    throw new OtpInputError('notOtpauth');
  }
  if (url.protocol !== 'otpauth:') throw new OtpInputError('notOtpauth');
  const type = url.hostname.toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') throw new OtpInputError('notTotpOrHotp');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    throw new OtpInputError('nameMalformed');
  }
  // "Issuer:account", or the account alone; the issuer parameter wins when both are given.
  const colon = path.indexOf(':');
  const prefix = colon >= 0 ? path.slice(0, colon) : '';
  const label = accountText(colon >= 0 ? path.slice(colon + 1) : path, 'name');
  const params = url.searchParams;
  for (const name of new Set(params.keys()))
    if (params.getAll(name).length > 1) throw new OtpInputError('parameterTwice', { name: name.slice(0, 40) });
  const issuer = accountText(params.get('issuer') ?? prefix, 'issuer');
  const secretText = params.get('secret');
  if (secretText === null) throw new OtpInputError('noSecret');
  const secret = parseBase32Secret(secretText);
  const steam =
    type === 'steam' ||
    (type === 'totp' &&
      (params.get('encoder')?.toLowerCase() === 'steam' ||
        (issuer.toLowerCase() === 'steam' && params.get('digits') === String(STEAM_DIGITS))));
  if (steam) return steamAccount(issuer, label, secret);
  const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase().replace('-', '');
  if (!(OTP_ALGORITHMS as readonly string[]).includes(algorithm))
    throw new OtpInputError('algorithmUnsupported', { algorithm: algorithm.slice(0, 20) });
  const digits = integer(params.get('digits'), 'digits', 6, 6, 8) as 6 | 7 | 8;
  const period = integer(params.get('period'), 'period', 30, 1, 3600);
  const counter = integer(params.get('counter'), 'counter', 0, 0, Number.MAX_SAFE_INTEGER);
  if (type === 'hotp' && params.get('counter') === null) throw new OtpInputError('hotpNeedsCounter');
  return { kind: type, issuer, label, secret, algorithm: algorithm as OtpAlgorithm, digits, period, counter };
}

/** A Steam Guard account: its algorithm, length and step are Steam's, whatever a file says. */
export function steamAccount(issuer: string, label: string, secret: Uint8Array): OtpParameters {
  return {
    kind: 'steam',
    issuer: issuer || 'Steam',
    label,
    secret,
    algorithm: 'SHA1',
    digits: STEAM_DIGITS,
    period: STEAM_PERIOD,
    counter: 0,
  };
}

/** The account as an `otpauth://` URI again (for an export to other apps; Steam as Aegis writes it). */
export function formatOtpauthUri(p: OtpParameters): string {
  const name = encodeURIComponent(p.issuer ? `${p.issuer}:${p.label}` : p.label);
  const params = new URLSearchParams({
    secret: new Secret({ buffer: p.secret.slice().buffer }).base32,
    ...(p.issuer && { issuer: p.issuer }),
    algorithm: p.algorithm,
    digits: String(p.digits),
    ...(isTimeBased(p.kind) ? { period: String(p.period) } : { counter: String(p.counter) }),
  });
  return `otpauth://${p.kind}/${name}?${params}`;
}

/** The TOTP or Steam code at `timestamp` (ms), or the HOTP code for `counter`. */
export function otpCode(p: OtpParameters, at: { timestamp?: number; counter?: number } = {}): string {
  if (p.kind === 'steam') return steamCode(p.secret, at.timestamp ?? Date.now());
  const secret = new Secret({ buffer: p.secret.slice().buffer });
  return p.kind === 'totp'
    ? TOTP.generate({
        secret,
        algorithm: p.algorithm,
        digits: p.digits,
        period: p.period,
        timestamp: at.timestamp ?? Date.now(),
      })
    : HOTP.generate({ secret, algorithm: p.algorithm, digits: p.digits, counter: at.counter ?? p.counter });
}

/** Seconds left of the current TOTP code (for the ring in the list). */
export function secondsLeft(p: Pick<OtpParameters, 'period'>, timestamp = Date.now()): number {
  return p.period - (Math.floor(timestamp / 1000) % p.period);
}

/** The same account: the same secret, issuer and name (what adding and importing call a duplicate). */
export function isSameAccount(a: OtpParameters, b: OtpParameters): boolean {
  if (a.issuer !== b.issuer || a.label !== b.label || a.secret.length !== b.secret.length) return false;
  return a.secret.every((byte, i) => byte === b.secret[i]);
}
