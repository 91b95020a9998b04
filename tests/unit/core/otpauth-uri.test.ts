/**
 * Accounts of other sites: the otpauth:// URI and base32 parsing, refusals
 * with clear messages, and the codes against the RFCs' known answers, through
 * the extension's own code path (parse the URI, then otpCode).
 */
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  formatOtpauthUri,
  otpCode,
  OtpInputError,
  parseBase32Secret,
  parseOtpauthUri,
  secondsLeft,
} from '../../../src/core/otp/otpauth-uri';

const base32 = (latin1: string) => Secret.fromLatin1(latin1).base32;

describe('RFC 4226 Appendix D (HOTP, SHA-1, 6 digits)', () => {
  const secret = base32('12345678901234567890');
  it.each(
    ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'].map((v, i) => [
      i,
      v,
    ]),
  )('count %i → %s', (counter, expected) => {
    const account = parseOtpauthUri(`otpauth://hotp/Example:alice?secret=${secret}&counter=${counter}`);
    expect(otpCode(account)).toBe(expected);
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(table)('T = %i s: %s (SHA-1), %s (SHA-256), %s (SHA-512)', (seconds, sha1, sha256, sha512) => {
    for (const [algorithm, expected] of [
      ['SHA1', sha1],
      ['SHA256', sha256],
      ['SHA512', sha512],
    ] as const) {
      const uri = `otpauth://totp/RFC:6238?secret=${base32(seeds[algorithm])}&algorithm=${algorithm}&digits=8&period=30`;
      expect(otpCode(parseOtpauthUri(uri), { timestamp: seconds * 1000 })).toBe(expected);
    }
  });
});

describe('parseOtpauthUri', () => {
  it('takes every bidi control out of issuer and name (UAX #9: embeddings, overrides, isolates, marks)', () => {
    const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of [...controls, '\u200e', '\u200f', '\u061c']) {
      const uri = `otpauth://totp/${encodeURIComponent(`${c}buHtiG:an${c}na`)}?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(`${c}buHtiG`)}`;
      expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'buHtiG', label: 'anna' });
    }
    // Nothing else of a right-to-left name is lost.
    expect(parseOtpauthUri(`otpauth://totp/${encodeURIComponent('בנק:דנה')}?secret=JBSWY3DPEHPK3PXP`)).toMatchObject({
      issuer: 'בנק',
      label: 'דנה',
    });
  });

  it('reads issuer, label, algorithm, digits and period, with the usual defaults', () => {
    expect(
      parseOtpauthUri(
        'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co',
      ),
    ).toMatchObject({
      kind: 'totp',
      issuer: 'ACME Co',
      label: 'john.doe@email.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(
      parseOtpauthUri('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=sha512&digits=8&period=60'),
    ).toMatchObject({
      issuer: '',
      label: 'alice',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
  });

  it('writes back what it reads', () => {
    const account = parseOtpauthUri(
      'otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=7&digits=7&algorithm=SHA256',
    );
    expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
  });

  it.each([
    ['not a URI', 'hello', 'This is not an otpauth:// account.'],
    ['another scheme', 'https://example.com/?secret=JBSWY3DPEHPK3PXP', 'This is not an otpauth:// account.'],
    ['another type', 'otpauth://motp/a?secret=JBSWY3DPEHPK3PXP', 'The account must be TOTP or HOTP.'],
    ['no secret', 'otpauth://totp/a', 'The account has no secret.'],
    ['bad base32', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', 'The secret is not base32'],
    ['a short secret', 'otpauth://totp/a?secret=JBSWY3DP', 'The secret is too short'],
    [
      'an unknown algorithm',
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
      'The algorithm MD5 is not supported',
    ],
    ['5 digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5', 'between 6 and 8'],
    ['a period of 0', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0', 'The period must be between 1 and 3600.'],
    [
      'a negative counter',
      'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=-1',
      'The counter must be a whole number.',
    ],
    ['HOTP without counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP', 'An HOTP account needs its counter.'],
    ['a repeated parameter', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBV', 'given twice'],
    ['control characters', 'otpauth://totp/a%00b?secret=JBSWY3DPEHPK3PXP', 'control characters'],
    ['broken %-escapes', 'otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'The account name is malformed.'],
    ['an oversized URI', `otpauth://totp/a?secret=${'A'.repeat(3000)}`, 'too long'],
  ])('refuses %s with a clear message', (_name, uri, message) => {
    expect(() => parseOtpauthUri(uri)).toThrow(OtpInputError);
    expect(() => parseOtpauthUri(uri)).toThrow(message);
  });
});

describe('parseBase32Secret', () => {
  it('takes a secret as people copy it: groups, lower case, padding', () => {
    const expected = parseBase32Secret('JBSWY3DPEHPK3PXP');
    expect(parseBase32Secret('jbsw y3dp ehpk 3pxp')).toEqual(expected);
    expect(parseBase32Secret('JBSW-Y3DP-EHPK-3PXP')).toEqual(expected);
    expect(parseBase32Secret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ======')).toEqual(
      new TextEncoder().encode('12345678901234567890'),
    );
  });

  it.each([
    ['', 'empty'],
    ['JBSWY3DPEHPK3PX0', 'not base32'],
    ['JBSWY3DPEHPK3PXPA', 'a character too many or too few'],
    ['A'.repeat(300), 'too long'],
  ])('refuses %j', (input, message) => {
    expect(() => parseBase32Secret(input)).toThrow(message);
  });
});

it('counts the seconds left of a TOTP code', () => {
  expect(secondsLeft({ period: 30 }, 59_000)).toBe(1);
  expect(secondsLeft({ period: 30 }, 60_000)).toBe(30);
});
