/**
 * Google Authenticator's "Transfer accounts" codes (otpauth-migration://): a
 * payload assembled byte by byte from MigrationPayload.proto, and damaged,
 * truncated and hostile ones.
 */
import { describe, expect, it } from 'vitest';
import { parseMigrationUri } from '../../../src/core/otp/migration-uri';
import { codeThrown } from '../../fixtures/otp-errors';
import { otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';

/** Protobuf wire format, as far as the test needs it. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n % 128) | (n >= 128 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};
const field = (n: number, value: number | number[] | string): number[] =>
  typeof value === 'number'
    ? [...varint(n * 8), ...varint(value)]
    : ((bytes) => [...varint(n * 8 + 2), ...varint(bytes.length), ...bytes])(
        typeof value === 'string' ? [...new TextEncoder().encode(value)] : value,
      );
const uri = (bytes: number[]) =>
  `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...bytes)))}`;

/** "Hello!" + 0xdeadbeef: the secret JBSWY3DPEHPK3PXP of the Key Uri Format's example. */
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
const totp = [
  ...field(1, HELLO),
  ...field(2, 'Example:alice@google.com'),
  ...field(3, 'Example'),
  ...field(4, 1),
  ...field(5, 1),
  ...field(6, 2),
];
const hotp = [
  ...field(1, HELLO),
  ...field(2, 'bob@bank.example'),
  ...field(3, 'Bank'),
  ...field(4, 3),
  ...field(5, 2),
  ...field(6, 1),
  ...field(7, 2 ** 40 + 5),
];
const payload = (...accounts: number[][]) => [
  ...accounts.flatMap((a) => field(1, a)),
  ...field(2, 1),
  ...field(3, 1),
  ...field(4, 0),
  ...field(5, 12345),
];

describe('parseMigrationUri', () => {
  it('reads every account of the code, as the same account its otpauth:// URI gives', () => {
    const [a, b] = parseMigrationUri(uri(payload(totp, hotp)));
    expect(a).toEqual(
      parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'),
    );
    expect(b).toMatchObject({
      kind: 'hotp',
      issuer: 'Bank',
      label: 'bob@bank.example',
      algorithm: 'SHA512',
      digits: 8,
      counter: 2 ** 40 + 5,
    });
    expect(otpCode(a!, { timestamp: 0 })).toBe(
      otpCode(parseOtpauthUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'), { timestamp: 0 }),
    );
  });

  it('takes the issuer from the name when the issuer field is empty, and the defaults for unspecified enums', () => {
    const [a] = parseMigrationUri(uri(payload([...field(1, HELLO), ...field(2, 'GitLab:carol')])));
    expect(a).toMatchObject({
      kind: 'totp',
      issuer: 'GitLab',
      label: 'carol',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('takes bidi controls out of issuers and names (an RLO makes "buHtiG" look like GitHub)', () => {
    const spoof = [
      ...field(1, HELLO),
      ...field(2, '\u202ebuHtiG:\u2067anna'),
      ...field(3, '\u202ebuHtiG'),
      ...field(4, 1),
      ...field(5, 1),
      ...field(6, 2),
    ];
    const [account] = parseMigrationUri(uri(payload(spoof)));
    expect(account).toMatchObject({ issuer: 'buHtiG', label: 'anna' });
  });

  it('reads a code whose base64 was not URL-escaped (its + read as a space by form decoding)', () => {
    // 0xfb 0xef 0xbe is "++++" in base64; repeated, some of it lands on a boundary wherever it starts.
    const plus = [...field(1, [...HELLO, ...Array(3).fill([0xfb, 0xef, 0xbe]).flat()])];
    const escaped = uri(payload(plus, hotp));
    const raw = decodeURIComponent(escaped);
    expect(raw).toContain('+');
    expect(parseMigrationUri(raw)).toEqual(parseMigrationUri(escaped));
  });

  it.each([
    ['another scheme', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'notTransferCode'],
    ['another host', 'otpauth-migration://online?data=AA', 'notTransferCode'],
    ['no data', 'otpauth-migration://offline', 'transferNoData'],
    ['data that is not base64', 'otpauth-migration://offline?data=***', 'transferNoData'],
    ['no account', uri(field(2, 1)), 'transferNoAccount'],
    ['a truncated message', uri(payload(totp).slice(0, 20)), 'transferDamaged'],
    ['a length past the end', uri([0x0a, 0xff, 0x01, 0x00]), 'transferDamaged'],
    ['a varint cut short', uri([0x10, 0xff, 0xff]), 'transferDamaged'],
    ['a number past 2^53', uri([0x10, ...Array(9).fill(0xff), 0x01]), 'transferNumberTooLarge'],
    ['a 64-bit field type', uri([0x09, 0, 0, 0, 0, 0, 0, 0, 0]), 'transferNotGoogle'],
    ['MD5', uri(payload([...field(1, HELLO), ...field(4, 4)])), 'transferMd5'],
    ['an unknown type', uri(payload([...field(1, HELLO), ...field(6, 9)])), 'transferUnknownKind'],
    ['a short secret', uri(payload([...field(1, [1, 2, 3])])), 'transferNoSecret'],
    ['a name that is not UTF-8', uri(payload([...field(1, HELLO), ...field(2, [0xc3, 0x28])])), 'transferNameNotText'],
    ['101 accounts', uri(payload(...Array(101).fill([...field(1, HELLO)]))), 'transferTooManyAccounts'],
    ['an oversized code', `otpauth-migration://offline?data=${'A'.repeat(9000)}`, 'transferTooLong'],
  ])('refuses %s', (_name, input, code) => {
    expect(codeThrown(() => parseMigrationUri(input))).toBe(code);
  });
});
