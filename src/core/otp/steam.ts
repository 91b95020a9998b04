/**
 * Steam Guard codes. Steam publishes no specification; every authenticator that speaks it (Aegis,
 * 2FAS, andOTP, the steam-totp library) computes the same thing: a TOTP (RFC 6238) with HMAC-SHA1
 * and a 30-second step, whose dynamic truncation (RFC 4226 §5.3, the 31-bit value before the
 * modulo) is written as 5 characters of Steam's 26-character alphabet, least significant first.
 */
import { HOTP, Secret } from 'otpauth';

export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;

/** The Steam code at `timestamp` (ms). */
export function steamCode(secret: Uint8Array, timestamp: number): string {
  // HOTP's value modulo 10^10 is the whole 31-bit truncation (2^31 < 10^10): Steam's input.
  let value = Number(
    HOTP.generate({
      secret: new Secret({ buffer: secret.slice().buffer }),
      algorithm: 'SHA1',
      digits: 10,
      counter: Math.floor(timestamp / 1000 / STEAM_PERIOD),
    }),
  );
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
