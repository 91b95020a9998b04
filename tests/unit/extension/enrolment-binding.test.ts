import { describe, expect, it } from 'vitest';
import { formatEnrolmentQr } from '../../../src/core/enrolment-qr';
import { bindToTab } from '../../../src/extension/background/enrolment-service';
import { browserName } from '../../../src/extension/background/browser-name';

const qr = formatEnrolmentQr({ origin: 'https://login.example.eu', id: 'A'.repeat(22), token: 'b'.repeat(43) });

describe('origin binding of the enrolment QR', () => {
  it('accepts the code on its own origin', () => {
    expect(bindToTab(qr, 'https://login.example.eu').origin).toBe('https://login.example.eu');
  });

  it.each([
    ['https://login.example.eu.evil.example'],
    ['http://login.example.eu'],
    ['https://login.example.eu:8443'],
    ['https://evil.example'],
  ])('refuses it on %s', (origin) => {
    expect(() => bindToTab(qr, origin)).toThrow(
      `Refused: this code names https://login.example.eu, but the page is ${origin}.`,
    );
  });

  it('refuses what is not a Sidekey code', () => {
    expect(() => bindToTab('https://example.com', 'https://example.com')).toThrow(
      'This QR code is not a Sidekey initialisation code.',
    );
  });
});

describe('browserName', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'Chrome 156 on Linux',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Firefox 153 on Linux'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0',
      'Edge 140 on Windows',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15', 'A browser on macOS'],
  ])('%s → %s', (ua, name) => {
    expect(browserName(ua)).toBe(name);
  });
});
