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
  parseBase32Secret,
  parseOtpauthUri,
  secondsLeft,
} from '../../../src/core/otp/otpauth-uri';
import { OtpInputError } from '../../../src/core/otp/otp-error';
import { codeThrown } from '../../fixtures/otp-errors';

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
    ['not a URI', 'hello', 'notOtpauth'],
    ['another scheme', 'https://example.com/?secret=JBSWY3DPEHPK3PXP', 'notOtpauth'],
    ['another type', 'otpauth://motp/a?secret=JBSWY3DPEHPK3PXP', 'notTotpOrHotp'],
    ['no secret', 'otpauth://totp/a', 'noSecret'],
    ['bad base32', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', 'secretNotBase32'],
    ['a short secret', 'otpauth://totp/a?secret=JBSWY3DP', 'secretTooShort'],
    ['an unknown algorithm', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'algorithmUnsupported'],
    ['5 digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5', 'numberOutOfRange'],
    ['a period of 0', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0', 'numberOutOfRange'],
    ['a negative counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=-1', 'notWholeNumber'],
    ['HOTP without counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP', 'hotpNeedsCounter'],
    ['a repeated parameter', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBV', 'parameterTwice'],
    ['control characters', 'otpauth://totp/a%00b?secret=JBSWY3DPEHPK3PXP', 'nameTooLong'],
    ['broken %-escapes', 'otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'nameMalformed'],
    ['an oversized URI', `otpauth://totp/a?secret=${'A'.repeat(3000)}`, 'uriTooLong'],
  ])('refuses %s with a clear message', (_name, uri, code) => {
    expect(() => parseOtpauthUri(uri)).toThrow(OtpInputError);
    expect(codeThrown(() => parseOtpauthUri(uri))).toBe(code);
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
    ['', 'secretEmpty'],
    ['JBSWY3DPEHPK3PX0', 'secretNotBase32'],
    ['JBSWY3DPEHPK3PXPA', 'secretBadLength'],
    ['A'.repeat(300), 'secretTooLong'],
  ])('refuses %j', (input, code) => {
    expect(codeThrown(() => parseBase32Secret(input))).toBe(code);
  });
});

it('counts the seconds left of a TOTP code', () => {
  expect(secondsLeft({ period: 30 }, 59_000)).toBe(1);
  expect(secondsLeft({ period: 30 }, 60_000)).toBe(30);
});
