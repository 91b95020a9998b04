/**
 * Moving in: every app's export, built from its published format with node:crypto
 * (tests/fixtures/app-exports.ts), read by one entry point that recognises the format; each
 * account's code checked against an independent HOTP/TOTP/Steam; encrypted exports with the right
 * password, a wrong one and none; one bad entry marked without sinking the rest; hostile files.
 */
import { describe, expect, it } from 'vitest';
import { readImport, type ImportReading } from '../../../src/core/otp/import/read-import';
import { otpCode } from '../../../src/core/otp/otpauth-uri';
import { encryptBackup } from '../../../src/core/otp/backup';
import { newKdfParams } from '../../../src/core/otp/passphrase-key';
import { codeRejected } from '../../fixtures/otp-errors';
import {
  aegisDb,
  aegisEncrypted,
  aegisPlain,
  authenticatorExtensionEncrypted,
  authenticatorExtensionJson,
  authenticatorExtensionLegacy,
  andOtpEncrypted,
  andOtpEntries,
  base32Bytes,
  bitwardenCsv,
  bitwardenJson,
  enteText,
  freeOtpPlusJson,
  otpauthUri,
  protonJson,
  SAMPLE,
  theirCode,
  twoFasEncrypted,
  twoFasPlain,
  twoFasServices,
} from '../../fixtures/app-exports';

const bytes = (text: string | Buffer) => new Uint8Array(typeof text === 'string' ? Buffer.from(text) : text);
const read = (text: string | Buffer, password: string | null = null) => readImport(bytes(text), password);
const PASSWORD = 'correct horse battery staple';
const AT = 1_765_000_015; // seconds, mid-step for 30 s

/** Every sample account read, in order, with the same secret and the same codes as the independent ones. */
function expectSample(reading: ImportReading, app: string) {
  expect(reading.app).toBe(app);
  expect(reading.entries.map((e) => e.ok)).toEqual(SAMPLE.map(() => true));
  for (const [i, entry] of reading.entries.entries()) {
    if (!entry.ok) throw new Error('not read');
    const a = SAMPLE[i]!;
    expect(entry.account).toMatchObject({ kind: a.type, issuer: a.issuer, label: a.name, digits: a.digits });
    expect(Buffer.from(entry.account.secret)).toEqual(base32Bytes(a.secret));
    const at = 'counter' in a ? { counter: a.counter } : { timestamp: AT * 1000 };
    expect(otpCode(entry.account, at)).toBe(theirCode(a, AT));
  }
}

describe('each app’s plain export: every account, the same codes', () => {
  it.each([
    ['Aegis', () => aegisPlain()],
    ['2FAS', () => twoFasPlain()],
    ['andOTP', () => JSON.stringify(andOtpEntries())],
    ['FreeOTP+', () => freeOtpPlusJson()],
    ['Proton Authenticator', () => protonJson()],
    ['otpauth', () => enteText()],
    ['otpauth', () => `# exported by Aegis\r\n${SAMPLE.map((a) => otpauthUri(a)).join('\r\n')}\r\n`],
    ['Bitwarden', () => bitwardenJson()],
    ['Bitwarden', () => bitwardenCsv()],
    ['Authenticator', () => authenticatorExtensionJson()],
  ])('%s', async (app, file) => {
    expectSample(await read(file()), app);
  });

  it.each([
    ['Aegis (db v3 group uuids)', () => aegisPlain()],
    ['2FAS (groupId)', () => twoFasPlain()],
    ['andOTP (first tag)', () => JSON.stringify(andOtpEntries())],
    ['Bitwarden JSON (folder)', () => bitwardenJson()],
    ['Bitwarden CSV (folder column)', () => bitwardenCsv()],
    ['Authenticator (Group record)', () => authenticatorExtensionJson()],
  ])('keeps the group: %s', async (_app, file) => {
    const { entries } = await read(file());
    expect(entries.map((e) => e.ok && (e.account.group ?? ''))).toEqual(['Work', ...SAMPLE.slice(1).map(() => '')]);
  });

  it('keeps what Sidekey has a place for: Aegis’s favourite and Ente’s pin as pinned, Bitwarden’s address as the site', async () => {
    const aegis = await read(aegisPlain());
    expect(aegis.entries.map((e) => e.ok && e.account.pinned)).toEqual([true, ...SAMPLE.slice(1).map(() => false)]);
    const ente = await read(enteText(SAMPLE.slice(0, 1), { pinned: true, trashed: false }));
    expect(ente.entries[0]).toMatchObject({ ok: true, account: { pinned: true } });
    const bitwarden = await read(bitwardenJson());
    expect(bitwarden.entries.map((e) => e.ok && e.account.site)).toEqual([
      'deno.com',
      'spdx.com',
      'airbnb.com',
      'issuu.com',
      'aircanada.com',
      'wwe.com',
      'steam.com',
    ]);
  });
});

describe('encrypted exports', () => {
  it('Aegis at its own scrypt parameters (N = 2^15, r = 8, p = 1), the master key in the second slot', async () => {
    const file = aegisEncrypted(['another password', PASSWORD]);
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('importWrongPassword');
    expectSample(await read(file, PASSWORD), 'Aegis');
    expectSample(await read(file, 'another password'), 'Aegis');
  });

  it('2FAS: the reference tells a wrong password before the services are opened', async () => {
    const file = twoFasEncrypted(PASSWORD);
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('importWrongPassword');
    expectSample(await read(file, PASSWORD), '2FAS');
    // A reference that is not the password's: refused as a wrong password, whatever the services hold.
    const other = JSON.parse(twoFasEncrypted('other'));
    const mixed = { ...JSON.parse(file), reference: other.reference };
    expect(await codeRejected(() => read(JSON.stringify(mixed), PASSWORD))).toBe('importWrongPassword');
  });

  it('andOTP’s binary .json.aes (PBKDF2-SHA1, the iterations in the file)', async () => {
    const file = andOtpEncrypted(PASSWORD);
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('importWrongPassword');
    expectSample(await read(file, PASSWORD), 'andOTP');
  });

  it('Sidekey’s own backup, through the same chooser', async () => {
    const reading = await read(aegisPlain());
    const accounts = reading.entries.flatMap((e) => (e.ok ? [{ ...e.account, addedAt: 1 }] : []));
    const file = await encryptBackup(accounts, PASSWORD, { ...newKdfParams(), memoryKiB: 8192, iterations: 1 });
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('backupWrongPassphrase');
    expectSample(await read(file, PASSWORD), 'Sidekey');
  });

  it('the Authenticator extension: hex secrets read, Battle.net marked', async () => {
    const hex = {
      a: {
        account: 'hex',
        issuer: 'Hex',
        secret: '3132333435363738393031323334353637383930',
        type: 'hex',
        encrypted: false,
      },
      b: { account: 'blz', issuer: 'Battle.net', secret: 'JBSWY3DPEHPK3PXP', type: 'battle', encrypted: false },
    };
    const { entries } = await read(JSON.stringify(hex));
    expect(entries[0]).toMatchObject({ ok: true, account: { kind: 'totp', issuer: 'Hex' } });
    // RFC 6238 Appendix B's SHA-1 secret, as hex: its known answer at T = 59 s, 6 digits.
    expect(entries[0]!.ok && otpCode(entries[0]!.account, { timestamp: 59_000 })).toBe('287082');
    expect(entries[1]).toMatchObject({ ok: false, code: 'entryKindUnsupported', values: { kind: 'battle' } });
  });

  it('the Authenticator extension’s encrypted backup: Argon2id-checked key, CryptoJS-sealed entries and groups', async () => {
    const file = await authenticatorExtensionEncrypted(PASSWORD);
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('importWrongPassword');
    const reading = await read(file, PASSWORD);
    expectSample(reading, 'Authenticator');
    expect(reading.entries.map((e) => e.ok && (e.account.group ?? ''))).toEqual([
      'Work',
      ...SAMPLE.slice(1).map(() => ''),
    ]);
  });

  it('the Authenticator extension’s older encrypted backup: each secret sealed with the password', async () => {
    const file = authenticatorExtensionLegacy(PASSWORD);
    expect(await codeRejected(() => read(file))).toBe('importNeedsPassword');
    expect(await codeRejected(() => read(file, 'wrong'))).toBe('importWrongPassword');
    expectSample(await read(file, PASSWORD), 'Authenticator');
    // Its oldest key format is named, not misread.
    const oldest = { ...JSON.parse(file), key: { enc: 'U2FsdGVkX1+x', hash: '$argon2id$v=19$…' } };
    expect(await codeRejected(() => read(JSON.stringify(oldest), PASSWORD))).toBe('importEncryptedUnsupported');
  });

  it('the Authenticator extension’s encrypted backup, tampered: one damaged entry marked, hostile keys refused', async () => {
    const file = JSON.parse(await authenticatorExtensionEncrypted(PASSWORD));
    const keyId = Object.keys(file).find((k) => file[k].dataType === 'Key')!;
    const damaged = { ...file, 'hash-1': { ...file['hash-1'], data: file['hash-2'].data.slice(0, 40) + 'AAAA' } };
    const orphan = { ...file, 'hash-3': { ...file['hash-3'], keyId: 'no-such-key' } };
    for (const [tampered, at] of [
      [damaged, 1],
      [orphan, 3],
    ] as const) {
      const { entries } = await read(JSON.stringify(tampered), PASSWORD);
      expect(entries.map((e) => e.ok)).toEqual(SAMPLE.map((_, i) => i !== at));
      expect(entries[at]).toMatchObject({ ok: false, name: `#${at + 1}`, code: 'entryMalformed' });
    }
    // The check hash's cost is the file's: bounded before any hashing.
    const key = file[keyId];
    for (const hash of [
      key.hash.replace(/m=\d+/, 'm=65537'),
      key.hash.replace(/t=\d+/, 't=5'),
      key.hash.replace(/p=\d+/, 'p=5'),
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA',
      { toString: 1 },
    ])
      expect(await codeRejected(() => read(JSON.stringify({ ...file, [keyId]: { ...key, hash } }), PASSWORD))).toBe(
        'importBadKdf',
      );
    for (const salt of ['short', 'x'.repeat(300), 7])
      expect(await codeRejected(() => read(JSON.stringify({ ...file, [keyId]: { ...key, salt } }), PASSWORD))).toBe(
        'importDamaged',
      );
    const manyKeys = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, { ...key, id: `k${i}` }]));
    expect(await codeRejected(() => read(JSON.stringify({ ...file, ...manyKeys }), PASSWORD))).toBe('importDamaged');
  });

  it('Bitwarden’s encrypted export is named, not misread', async () => {
    const file = JSON.stringify({ encrypted: true, passwordProtected: true, data: 'x', items: [] });
    expect(await codeRejected(() => read(file))).toBe('importEncryptedUnsupported');
  });
});

describe('one bad entry never sinks the rest', () => {
  it('marks each entry it cannot take, with its reason, and reads the others', async () => {
    const db: { entries: Record<string, unknown>[] } = aegisDb(SAMPLE.slice(0, 2));
    const first = aegisDb(SAMPLE.slice(0, 1)).entries[0]!;
    db.entries.push(
      { ...first, type: 'yandex', name: 'Yandex' },
      { ...first, name: 'Bad', info: { ...first.info, secret: 'not base32!' } },
      { ...first, name: 'Short', info: { ...first.info, secret: 'AAAA' } },
      { ...first, name: 'Digits', info: { ...first.info, digits: '6' } },
      { ...first, name: 'Long', info: { ...first.info, digits: 12 } },
      { ...first, name: 'MD5', info: { ...first.info, algo: 'MD5' } },
      null as never,
      { ...first, name: 'No info', info: undefined },
    );
    const { entries } = await read(aegisPlain(db));
    expect(entries.map((e) => (e.ok ? 'ok' : `${e.name}: ${e.code}`))).toEqual([
      'ok',
      'ok',
      'Deno — Yandex: entryKindUnsupported',
      'Deno — Bad: secretNotBase32',
      'Deno — Short: secretTooShort',
      'Deno — Digits: notWholeNumber',
      'Deno — Long: numberOutOfRange',
      'Deno — MD5: algorithmUnsupported',
      ': entryMalformed',
      'Deno — No info: entryMalformed',
    ]);
  });

  it('a text list: a Steam line and a bad line are not the end of the list; Ente’s trash is marked', async () => {
    const text = [
      otpauthUri(SAMPLE[0]),
      'otpauth://totp/Broken:x?secret=0000',
      otpauthUri(SAMPLE[6]),
      enteText([SAMPLE[1]], { pinned: false, trashed: true }).trim(),
    ].join('\n');
    const { entries } = await read(text);
    expect(entries.map((e) => (e.ok ? e.account.kind : e.code))).toEqual([
      'totp',
      'secretNotBase32',
      'steam',
      'entryInTrash',
    ]);
  });

  it('2FAS’s entries with missing parts, and FreeOTP+’s bytes out of range', async () => {
    const services = twoFasServices(SAMPLE.slice(0, 1));
    const bad = [...services, { name: 'No secret', otp: {} }, { ...services[0], secret: 42 }];
    expect((await read(twoFasPlain(bad))).entries.map((e) => e.ok || e.code)).toEqual([true, 'noSecret', 'noSecret']);
    const free = JSON.parse(freeOtpPlusJson(SAMPLE.slice(0, 1)));
    free.tokens.push({ ...free.tokens[0], secret: [300, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect((await read(JSON.stringify(free))).entries.map((e) => e.ok || e.code)).toEqual([true, 'entryMalformed']);
  });
});

describe('hostile files are refused or bounded, with a clear code', () => {
  it('more than 1 MiB, or more entries than anyone holds', async () => {
    expect(await codeRejected(() => read(' '.repeat(1024 * 1024 + 1)))).toBe('importTooLarge');
    const many = { version: 3, entries: Array.from({ length: 10_000 }, () => ({})) };
    expect(await codeRejected(() => read(aegisPlain(many)))).toBe('tooManyInImport');
    const lines = Array.from({ length: 10_000 }, () => otpauthUri(SAMPLE[0])).join('\n');
    expect(await codeRejected(() => read(lines.slice(0, 1024 * 1024)))).toBe('tooManyInImport');
  });

  it('key-derivation settings that would hash for minutes or take gigabytes, refused before any hashing', async () => {
    const file = JSON.parse(aegisEncrypted([PASSWORD], aegisDb(), 1024));
    for (const change of [{ n: 2 ** 30 }, { n: 1000 }, { r: 1024 }, { p: 64 }, { n: '32768' }]) {
      const hostile = { ...file, header: { ...file.header, slots: [{ ...file.header.slots[0], ...change }] } };
      const started = Date.now();
      expect(await codeRejected(() => read(JSON.stringify(hostile), PASSWORD))).toBe('importBadKdf');
      expect(Date.now() - started).toBeLessThan(5000);
    }
    const andOtp = andOtpEncrypted(PASSWORD, andOtpEntries(), 1000);
    andOtp.writeUInt32BE(0xffffffff, 0);
    expect(await codeRejected(() => read(andOtp, PASSWORD))).toBe('importBadKdf');
  });

  it('__proto__ and constructor keys make no prototype and no account out of thin air', async () => {
    const db = aegisDb(SAMPLE.slice(0, 1));
    const text = aegisPlain(db).replace(
      '"type":"totp"',
      '"__proto__":{"polluted":1},"constructor":{"x":1},"type":"totp"',
    );
    const { entries } = await read(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await codeRejected(() => read('{"__proto__":{"entries":[1]},"header":1,"db":1}'))).toBe('importDamaged');
  });

  it('deep nesting, wrong shapes, damaged ciphertext, unknown files and empty exports', async () => {
    expect(await codeRejected(() => read('['.repeat(100_000)))).toBe('importUnknownFormat');
    expect(await codeRejected(() => read('['.repeat(100_000) + ']'.repeat(100_000)))).toBe('importUnknownFormat');
    expect(await codeRejected(() => read('{"header":{},"db":{"entries":"x"}}'))).toBe('importDamaged');
    expect(await codeRejected(() => read('{"hello":"world"}'))).toBe('importUnknownFormat');
    expect(await codeRejected(() => read('just some text'))).toBe('importUnknownFormat');
    expect(await codeRejected(() => read(Buffer.from([0xff, 0xfe, 0x00, 0x01])))).toBe('importUnknownFormat');
    expect(await codeRejected(() => read(aegisPlain({ version: 3, entries: [] })))).toBe('importNoAccount');
    const cut = JSON.parse(twoFasEncrypted(PASSWORD));
    cut.servicesEncrypted = cut.servicesEncrypted.split(':').slice(0, 2).join(':');
    expect(await codeRejected(() => read(JSON.stringify(cut), PASSWORD))).toBe('importDamaged');
    const flipped = andOtpEncrypted(PASSWORD);
    flipped[flipped.length - 20]! ^= 1;
    expect(await codeRejected(() => read(flipped, PASSWORD))).toBe('importWrongPassword');
  });
});
