/**
 * A second opinion on the one-time codes: oathtool (OATH Toolkit, the Debian
 * package the test command installs) against the extension's code path, for
 * random secrets, algorithms, digits, periods, times and counters.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../../../scripts/prerequisites.mjs';
import { otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';

const oathtool = findProgram('oathtool');
const random = (n: number) => crypto.randomInt(n);
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

const cases = Array.from({ length: 40 }, (_, i) => {
  const secret = new Secret({ buffer: crypto.randomBytes(10 + random(55)).buffer }).base32;
  const algorithm = ALGORITHMS[random(3)]!;
  const digits = 6 + random(3);
  return i % 2 === 0
    ? {
        kind: 'totp' as const,
        secret,
        algorithm,
        digits,
        period: [30, 60, 15, 45][random(4)]!,
        seconds: random(4_000_000_000),
      }
    : // oathtool's HOTP is SHA-1 only (RFC 4226); the other algorithms are checked as TOTP.
      { kind: 'hotp' as const, secret, algorithm: 'SHA1' as const, digits, counter: random(2 ** 40) };
});

describe('codes agree with oathtool', () => {
  it.each(cases)('%o', (c) => {
    const args =
      c.kind === 'totp'
        ? [
            `--totp=${c.algorithm.toLowerCase()}`,
            '-b',
            '-d',
            String(c.digits),
            '-s',
            `${c.period}s`,
            '-N',
            `@${c.seconds}`,
            c.secret,
          ]
        : [`--hotp`, '-b', '-d', String(c.digits), '-c', String(c.counter), c.secret];
    const expected = execFileSync(oathtool, args, { encoding: 'utf8' }).trim();
    const uri =
      c.kind === 'totp'
        ? `otpauth://totp/x?secret=${c.secret}&algorithm=${c.algorithm}&digits=${c.digits}&period=${c.period}`
        : `otpauth://hotp/x?secret=${c.secret}&algorithm=${c.algorithm}&digits=${c.digits}&counter=${c.counter}`;
    const account = parseOtpauthUri(uri);
    expect(c.kind === 'totp' ? otpCode(account, { timestamp: c.seconds * 1000 }) : otpCode(account)).toBe(expected);
  });
});
