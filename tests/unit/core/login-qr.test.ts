import { describe, expect, it } from 'vitest';
import { QrFormatError } from '../../../src/core/enrolment-qr';
import { formatLoginQr, parseLoginQr } from '../../../src/core/login-qr';

const GOOD = { origin: 'https://login.example.eu', uid: 'n00abc12', tx: 'T'.repeat(22), challenge: 'ab'.repeat(32) };

describe('login QR payload', () => {
  it('round-trips', () => {
    expect(parseLoginQr(formatLoginQr(GOOD))).toEqual(GOOD);
  });

  it.each([
    [
      'an enrolment code',
      formatLoginQr(GOOD).replace('sidekey://login?', 'sidekey://enrol?'),
      'Not a Sidekey login code',
    ],
    ['a tampered challenge', formatLoginQr({ ...GOOD, challenge: 'zz'.repeat(32) }), 'Login code is malformed'],
    ['a truncated code', formatLoginQr(GOOD).slice(0, -10), 'Login code is malformed'],
    ['an upper-case challenge', formatLoginQr({ ...GOOD, challenge: 'AB'.repeat(32) }), 'Login code is malformed'],
    ['a strange user', formatLoginQr({ ...GOOD, uid: '../admin' }), 'Login code is malformed'],
    ['two users', `${formatLoginQr(GOOD)}&uid=n00other1`, 'exactly one "uid"'],
    [
      'an origin with a path',
      formatLoginQr({ ...GOOD, origin: 'https://login.example.eu/x' }),
      'not an http(s) origin',
    ],
    ['a data: origin', formatLoginQr({ ...GOOD, origin: 'data:text/html,x' }), 'not an http(s) origin'],
    ['a future version', formatLoginQr(GOOD).replace('v=1', 'v=9'), 'Unsupported login code version "9"'],
    ['an oversized code', `sidekey://login?${'a'.repeat(600)}`, 'QR payload too long'],
  ])('refuses %s', (_name, payload, message) => {
    expect(() => parseLoginQr(payload)).toThrow(QrFormatError);
    expect(() => parseLoginQr(payload)).toThrow(message);
  });
});
