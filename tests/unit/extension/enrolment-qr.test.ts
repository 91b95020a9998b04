import { describe, expect, it } from 'vitest';
import { formatEnrolmentQr, parseEnrolmentQr, QrFormatError } from '../../../src/core/enrolment-qr';

const GOOD = { origin: 'https://login.example.eu', id: 'A'.repeat(22), token: 'b'.repeat(43) };

describe('enrolment QR payload', () => {
  it('round-trips', () => {
    const payload = formatEnrolmentQr(GOOD);
    expect(payload).toBe(
      `sidekey://enrol?v=1&origin=https%3A%2F%2Flogin.example.eu&id=${'A'.repeat(22)}&token=${'b'.repeat(43)}`,
    );
    expect(parseEnrolmentQr(payload)).toEqual(GOOD);
  });

  it.each([
    ['another scheme', 'https://login.example.eu/?id=x', 'Not a Sidekey enrolment code'],
    [
      'a future version',
      formatEnrolmentQr(GOOD).replace('v=1', 'v=2'),
      'Unsupported enrolment code version "2", expected "1"',
    ],
    [
      'an origin with a path',
      formatEnrolmentQr({ ...GOOD, origin: 'https://login.example.eu/cas' }),
      'is not an http(s) origin',
    ],
    ['a javascript: origin', formatEnrolmentQr({ ...GOOD, origin: 'javascript:alert(1)' }), 'is not an http(s) origin'],
    ['no origin', formatEnrolmentQr(GOOD).replace(/origin=[^&]+&/, ''), 'exactly one "origin"'],
    ['two origins', `${formatEnrolmentQr(GOOD)}&origin=https%3A%2F%2Fevil.example`, 'exactly one "origin"'],
    ['a short token', formatEnrolmentQr({ ...GOOD, token: 'b'.repeat(42) }), 'Enrolment code is malformed'],
    ['a truncated code', formatEnrolmentQr(GOOD).slice(0, 60), /exactly one|malformed/],
    ['an oversized code', `sidekey://enrol?${'x'.repeat(600)}`, 'QR payload too long: 616 characters'],
  ])('refuses %s with a clear QrFormatError', (_name, payload, message) => {
    expect(() => parseEnrolmentQr(payload)).toThrow(QrFormatError);
    expect(() => parseEnrolmentQr(payload)).toThrow(message);
  });
});

describe('decoder warm-up', () => {
  it('decodes its built-in code, so the warm-up exercises the whole decoder', async () => {
    const { warmUpDecoder, WARM_UP_PAYLOAD } = await import('../../../src/extension/qr/decoder-warm-up');
    expect(warmUpDecoder()).toBe(WARM_UP_PAYLOAD);
  });
});
