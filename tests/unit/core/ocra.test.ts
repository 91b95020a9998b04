/** RFC 6287 Appendix C: every test vector, as known-answer tests. */
import { describe, expect, it } from 'vitest';
import {
  importOcraKey,
  ocra,
  ocraTimeSteps,
  OcraSuiteError,
  parseOcraSuite,
  questionBytes,
} from '../../../src/core/ocra';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
const SEED20 = hex('3132333435363738393031323334353637383930');
const SEED32 = hex('3132333435363738393031323334353637383930313233343536373839303132');
const SEED64 = hex(
  '31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334',
);
/** SHA-1 of "1234", as Appendix C gives it. */
const PIN_SHA1 = hex('7110eda4d09e062aa5e4a390b0a572ac0d2c0220');
const T = 0x132d0b6n; // 20107446 minutes: 2008-03-25 12:06 UTC

describe('RFC 6287 C.1 one-way challenge-response', () => {
  it.each([
    ['00000000', '237653'],
    ['11111111', '243178'],
    ['22222222', '653583'],
    ['33333333', '740991'],
    ['44444444', '608993'],
    ['55555555', '388898'],
    ['66666666', '816933'],
    ['77777777', '224598'],
    ['88888888', '750600'],
    ['99999999', '294470'],
  ])('OCRA-1:HOTP-SHA1-6:QN08 Q=%s → %s', async (question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA1-6:QN08', SEED20, { question })).toBe(expected);
  });

  it.each([
    [0, '65347737'],
    [1, '86775851'],
    [2, '78192410'],
    [3, '71565254'],
    [4, '10104329'],
    [5, '65983500'],
    [6, '70069104'],
    [7, '91771096'],
    [8, '75011558'],
    [9, '08522129'],
  ])('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1 C=%i Q=12345678 → %s', async (counter, expected) => {
    expect(
      await ocra('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', SEED32, { question: '12345678', counter, pinHash: PIN_SHA1 }),
    ).toBe(expected);
  });

  it.each([
    ['00000000', '83238735'],
    ['11111111', '01501458'],
    ['22222222', '17957585'],
    ['33333333', '86776967'],
    ['44444444', '86807031'],
  ])('OCRA-1:HOTP-SHA256-8:QN08-PSHA1 Q=%s → %s (PIN given as the PIN)', async (question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', SEED32, { question, pin: '1234' })).toBe(expected);
  });

  it.each([
    [0, '00000000', '07016083'],
    [1, '11111111', '63947962'],
    [2, '22222222', '70123924'],
    [3, '33333333', '25341727'],
    [4, '44444444', '33203315'],
    [5, '55555555', '34205738'],
    [6, '66666666', '44343969'],
    [7, '77777777', '51946085'],
    [8, '88888888', '20403879'],
    [9, '99999999', '31409299'],
  ])('OCRA-1:HOTP-SHA512-8:C-QN08 C=%i Q=%s → %s', async (counter, question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA512-8:C-QN08', SEED64, { question, counter })).toBe(expected);
  });

  it.each([
    ['00000000', '95209754'],
    ['11111111', '55907591'],
    ['22222222', '22048402'],
    ['33333333', '24218844'],
    ['44444444', '36209546'],
  ])('OCRA-1:HOTP-SHA512-8:QN08-T1M Q=%s T=132d0b6 → %s', async (question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA512-8:QN08-T1M', SEED64, { question, timeSteps: T })).toBe(expected);
  });
});

describe('RFC 6287 C.2 mutual challenge-response', () => {
  it.each([
    ['CLI22220SRV11110', '28247970', 'SRV11110CLI22220', '15510767'],
    ['CLI22221SRV11111', '01984843', 'SRV11111CLI22221', '90175646'],
    ['CLI22222SRV11112', '65387857', 'SRV11112CLI22222', '33777207'],
    ['CLI22223SRV11113', '03351211', 'SRV11113CLI22223', '95285278'],
    ['CLI22224SRV11114', '83412541', 'SRV11114CLI22224', '28934924'],
  ])('OCRA-1:HOTP-SHA256-8:QA08 server %s → %s, client %s → %s', async (serverQ, server, clientQ, client) => {
    expect(await ocra('OCRA-1:HOTP-SHA256-8:QA08', SEED32, { question: serverQ })).toBe(server);
    expect(await ocra('OCRA-1:HOTP-SHA256-8:QA08', SEED32, { question: clientQ })).toBe(client);
  });

  it.each([
    ['CLI22220SRV11110', '79496648', 'SRV11110CLI22220', '18806276'],
    ['CLI22221SRV11111', '76831980', 'SRV11111CLI22221', '70020315'],
    ['CLI22222SRV11112', '12250499', 'SRV11112CLI22222', '01600026'],
    ['CLI22223SRV11113', '90856481', 'SRV11113CLI22223', '18951020'],
    ['CLI22224SRV11114', '12761449', 'SRV11114CLI22224', '32528969'],
  ])(
    'OCRA-1:HOTP-SHA512-8:QA08 server %s → %s; client QA08-PSHA1 %s → %s',
    async (serverQ, server, clientQ, client) => {
      expect(await ocra('OCRA-1:HOTP-SHA512-8:QA08', SEED64, { question: serverQ })).toBe(server);
      expect(await ocra('OCRA-1:HOTP-SHA512-8:QA08-PSHA1', SEED64, { question: clientQ, pinHash: PIN_SHA1 })).toBe(
        client,
      );
    },
  );
});

describe('RFC 6287 C.3 plain signature', () => {
  it.each([
    ['SIG10000', '53095496'],
    ['SIG11000', '04110475'],
    ['SIG12000', '31331128'],
    ['SIG13000', '76028668'],
    ['SIG14000', '46554205'],
  ])('OCRA-1:HOTP-SHA256-8:QA08 Q=%s → %s', async (question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA256-8:QA08', SEED32, { question })).toBe(expected);
  });

  it.each([
    ['SIG1000000', '77537423'],
    ['SIG1100000', '31970405'],
    ['SIG1200000', '10235557'],
    ['SIG1300000', '95213541'],
    ['SIG1400000', '65360607'],
  ])('OCRA-1:HOTP-SHA512-8:QA10-T1M Q=%s T=132d0b6 → %s', async (question, expected) => {
    expect(await ocra('OCRA-1:HOTP-SHA512-8:QA10-T1M', SEED64, { question, timeSteps: T })).toBe(expected);
  });

  it('derives Appendix C’s time step from the clock', () => {
    expect(ocraTimeSteps('OCRA-1:HOTP-SHA512-8:QA10-T1M', Date.UTC(2008, 2, 25, 12, 6, 30))).toBe(T);
  });
});

describe('OCRA suites and inputs', () => {
  it('parses the suite Sidekey uses', () => {
    expect(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QH64')).toEqual({
      text: 'OCRA-1:HOTP-SHA256-8:QH64',
      hash: 'SHA-256',
      digits: 8,
      counter: false,
      question: { format: 'H', maxLength: 64 },
    });
  });

  it.each([
    ['OCRA-2:HOTP-SHA1-6:QN08', 'Unsupported OCRA suite'],
    ['OCRA-1:HOTP-MD5-6:QN08', 'Unsupported OCRA suite'],
    ['OCRA-1:HOTP-SHA1-3:QN08', 'digits must be 0 or 4–10, got 3'],
    ['OCRA-1:HOTP-SHA1-6:QN99', 'question length must be 4–64, got 99'],
    ['OCRA-1:HOTP-SHA1-6:QX08', 'Unsupported OCRA suite'],
    [`OCRA-1:HOTP-SHA1-6:QN08${'x'.repeat(500)}`, 'Unsupported OCRA suite'],
  ])('refuses %s', (suite, message) => {
    expect(() => parseOcraSuite(suite)).toThrow(OcraSuiteError);
    expect(() => parseOcraSuite(suite)).toThrow(message);
  });

  it.each([
    ['OCRA-1:HOTP-SHA1-6:QN08', '123', 'must have 4–16 characters'],
    ['OCRA-1:HOTP-SHA1-6:QN08', '12345678901234567', 'must have 4–16 characters'],
    ['OCRA-1:HOTP-SHA1-6:QN08', '1234abcd', 'decimal digits'],
    ['OCRA-1:HOTP-SHA256-8:QH64', 'xyz0', 'hexadecimal digits'],
    ['OCRA-1:HOTP-SHA256-8:QA08', 'été!', 'printable ASCII'],
  ])('refuses question %s/%s', (suite, question, message) => {
    expect(() => questionBytes(parseOcraSuite(suite), question)).toThrow(message);
  });

  it('left-aligns odd-length hex as the RFC’s reference code does', () => {
    // 22222222 = 0x153158e: seven nibbles, padded on the right.
    expect([...questionBytes(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08'), '22222222').slice(0, 5)]).toEqual([
      0x15, 0x31, 0x58, 0xe0, 0,
    ]);
  });

  it('asks for what the suite needs', async () => {
    await expect(ocra('OCRA-1:HOTP-SHA256-8:C-QN08', SEED32, { question: '12345678' })).rejects.toThrow(
      'needs a counter',
    );
    await expect(ocra('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', SEED32, { question: '12345678' })).rejects.toThrow(
      'needs a PIN',
    );
    await expect(ocra('OCRA-1:HOTP-SHA256-8:QN08-T1M', SEED32, { question: '12345678' })).rejects.toThrow(
      'needs a time step',
    );
    await expect(ocra('OCRA-1:HOTP-SHA256-8:QN08-S064', SEED32, { question: '12345678' })).rejects.toThrow(
      'needs 64 bytes of session information',
    );
  });
});

describe('OCRA with a key imported once per unlock', () => {
  it('gives the Appendix C answers from an imported key, the key used again for every question', async () => {
    const one = await importOcraKey('OCRA-1:HOTP-SHA1-6:QN08', SEED20);
    expect(one.extractable).toBe(false);
    const answers = [];
    for (const question of ['00000000', '11111111', '99999999'])
      answers.push(await ocra('OCRA-1:HOTP-SHA1-6:QN08', one, { question }));
    expect(answers).toEqual(['237653', '243178', '294470']);
    const sha512 = await importOcraKey('OCRA-1:HOTP-SHA512-8:C-QN08', SEED64);
    expect(await ocra('OCRA-1:HOTP-SHA512-8:C-QN08', sha512, { question: '00000000', counter: 0 })).toBe('07016083');
  });

  it('refuses a key of another hash or algorithm rather than computing a wrong answer', async () => {
    const sha1 = await importOcraKey('OCRA-1:HOTP-SHA1-6:QN08', SEED20);
    await expect(ocra('OCRA-1:HOTP-SHA256-8:QN08', sha1, { question: '00000000' })).rejects.toThrow(
      'needs an HMAC-SHA-256 key',
    );
    const aes = await crypto.subtle.importKey('raw', SEED32, 'AES-GCM', false, ['encrypt']);
    await expect(ocra('OCRA-1:HOTP-SHA256-8:QN08', aes, { question: '00000000' })).rejects.toThrow('needs an HMAC');
    await expect(importOcraKey('OCRA-2:nonsense', SEED20)).rejects.toThrow(OcraSuiteError);
  });
});
