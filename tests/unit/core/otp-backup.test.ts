/**
 * The passphrase key (Argon2id, RFC 9106) and the encrypted backup of
 * one-time-code accounts: known answers, round trips, and files that are
 * wrong, changed, hostile or from the future.
 */
import { describe, expect, it } from 'vitest';
import { base64url } from '../../../src/core/encoding';
import { decryptBackup, encryptBackup, type BackupAccount } from '../../../src/core/otp/backup';
import { BackupError, PassphraseError } from '../../../src/core/otp/otp-error';
import { codeRejected } from '../../fixtures/otp-errors';
import { otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import {
  argon2idBytes,
  checkKdfParams,
  KDF_DEFAULTS,
  newKdfParams,
  open,
  passphraseKey,
  seal,
  type KdfParams,
} from '../../../src/core/otp/passphrase-key';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** Cheap parameters for the many round trips; the defaults are tested once. */
const fast = (): KdfParams => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 });
const PASSPHRASE = 'correct horse battery staple';

describe('Argon2id: the reference implementation’s test vectors (version 0x13, "somesalt")', () => {
  it.each([
    [2, 16, 1, 'password', '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7'],
    [2, 8, 1, 'password', '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    [1, 16, 1, 'password', 'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98'],
    [2, 16, 1, 'differentpassword', '0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde'],
  ])('t=%i, m=2^%i KiB, p=%i, %s', async (t, logM, p, password, expected) => {
    const params = {
      name: 'argon2id',
      memoryKiB: 2 ** logM,
      iterations: t,
      parallelism: p,
      salt: base64url(new TextEncoder().encode('somesalt')),
    } as const;
    expect(hex(await argon2idBytes(password, params))).toBe(expected);
  });
});

describe('the passphrase key', () => {
  it('accepts the defaults and parameters within bounds; refuses the rest before hashing', () => {
    expect(checkKdfParams(newKdfParams())).toBe(true);
    expect(newKdfParams()).toMatchObject(KDF_DEFAULTS);
    for (const change of [
      { memoryKiB: 4 * 1024 * 1024 },
      { memoryKiB: 1024 },
      { iterations: 0 },
      { iterations: 1000 },
      { parallelism: 64 },
      { salt: 'short' },
      { name: 'scrypt' },
      { memoryKiB: 65536.5 },
    ])
      expect(checkKdfParams({ ...newKdfParams(), ...change })).toBe(false);
  });

  it('opens what it sealed, and only with the same passphrase, IV and context', async () => {
    const params = fast();
    const key = await passphraseKey(PASSPHRASE, params);
    const plain = new TextEncoder().encode('the vault key');
    const sealed = await seal(key, plain, 'vault v1');
    expect(new TextDecoder().decode(await open(key, sealed, 'vault v1'))).toBe('the vault key');
    await expect(open(await passphraseKey('wrong horse battery staple', params), sealed, 'vault v1')).rejects.toThrow(
      PassphraseError,
    );
    expect(await codeRejected(() => open(key, sealed, 'vault v2'))).toBe('wrongPassphrase');
    const otherIv = await seal(key, plain, 'vault v1');
    await expect(open(key, { ...sealed, iv: otherIv.iv }, 'vault v1')).rejects.toThrow(PassphraseError);
    // The same words in another Unicode form open it too (NFC).
    const cafe = await passphraseKey('caf\u00e9 au lait, s’il vous plaît', params);
    const sealedCafe = await seal(cafe, plain, 'x');
    expect(await open(await passphraseKey('cafe\u0301 au lait, s’il vous plaît', params), sealedCafe, 'x')).toEqual(
      plain,
    );
  });
});

const ACCOUNTS: BackupAccount[] = [
  {
    ...parseOtpauthUri('otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
    site: 'github.com',
    pinned: true,
    addedAt: 1_780_000_000_000,
  },
  {
    ...parseOtpauthUri(
      'otpauth://hotp/Bank:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=42&digits=8&algorithm=SHA512',
    ),
    site: 'bank.example',
    pinned: false,
    addedAt: 1_780_000_100_000,
  },
  {
    ...parseOtpauthUri('otpauth://steam/Steam:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    site: 'steampowered.com',
    pinned: false,
    addedAt: 1_780_000_200_000,
  },
];

describe('the encrypted backup', () => {
  it('gives back the same accounts, and so the same codes (default parameters)', async () => {
    const file = await encryptBackup(ACCOUNTS, PASSPHRASE);
    expect(JSON.parse(file)).toMatchObject({
      format: 'sidekey-otp-backup',
      version: 1,
      kdf: KDF_DEFAULTS,
      cipher: { name: 'AES-256-GCM' },
    });
    expect(file).not.toContain('JBSWY3DPEHPK3PXP');
    expect(file).not.toContain('anna');
    const back = await decryptBackup(file, PASSPHRASE);
    expect(back).toEqual(ACCOUNTS);
    for (const [i, account] of back.entries())
      expect(otpCode(account, { timestamp: 1_800_000_000_000 })).toBe(
        otpCode(ACCOUNTS[i]!, { timestamp: 1_800_000_000_000 }),
      );
  });

  it('refuses a wrong passphrase and any changed byte of header or data', async () => {
    const file = JSON.parse(await encryptBackup(ACCOUNTS, PASSPHRASE, fast()));
    expect(await codeRejected(() => decryptBackup(JSON.stringify(file), 'not the passphrase'))).toBe(
      'backupWrongPassphrase',
    );
    const salt = file.kdf.salt as string;
    const changed = [
      { ...file, kdf: { ...file.kdf, iterations: 2 } },
      { ...file, kdf: { ...file.kdf, salt: (salt[0] === 'A' ? 'B' : 'A') + salt.slice(1) } },
      { ...file, data: (file.data[0] === 'A' ? 'B' : 'A') + file.data.slice(1) },
      { ...file, cipher: { ...file.cipher, iv: (file.cipher.iv[0] === 'A' ? 'B' : 'A') + file.cipher.iv.slice(1) } },
    ];
    for (const f of changed) await expect(decryptBackup(JSON.stringify(f), PASSPHRASE)).rejects.toThrow(BackupError);
  });

  it('refuses a backup whose account has a secret no account may have (made by another tool with the passphrase)', async () => {
    const file = await encryptBackup([{ ...ACCOUNTS[0]!, secret: new Uint8Array([1, 2, 3]) }], PASSPHRASE, fast());
    await expect(decryptBackup(file, PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'backupUnreadable' }),
    );
  });

  it.each([
    ['a site that is no site (space, path, wildcard)', { site: 'exa mple/*' }],
    ['a subdomain where the popup keeps registrable domains', { site: 'login.bank.example' }],
    ['a public suffix', { site: 'co.uk' }],
    ['a scheme', { site: 'https://bank.example' }],
    ['an empty account name', { label: '  ' }],
    ['a control character in a name', { issuer: 'Bank\u0007' }],
    ['5 digits on a TOTP account (only Steam has 5)', { kind: 'totp', digits: 5 }],
    ['a Steam account with 6 digits', { kind: 'steam', digits: 6 }],
    ['a Steam account with SHA-256', { kind: 'steam', digits: 5, algorithm: 'SHA256' }],
  ] as const)('refuses an account with %s, as the popup’s own edit would (a crafted file)', async (_what, change) => {
    const file = await encryptBackup([ACCOUNTS[0]!, { ...ACCOUNTS[1]!, ...change }], PASSPHRASE, fast());
    await expect(decryptBackup(file, PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'backupUnreadable' }),
    );
  });

  it('takes bidi controls out of the names it carries (U+202E "buHtiG" is not drawn as GitHub)', async () => {
    const file = await encryptBackup(
      [{ ...ACCOUNTS[0]!, issuer: '\u202ebuHtiG', label: 'anna\u2066\u200f' }],
      PASSPHRASE,
      fast(),
    );
    expect(await decryptBackup(file, PASSPHRASE)).toEqual([{ ...ACCOUNTS[0]!, issuer: 'buHtiG', label: 'anna' }]);
  });

  it.each([
    ['not JSON', 'hello', 'notBackup'],
    ['another JSON file', '{"accounts":[]}', 'notBackup'],
    ['an extra field', 'EXTRA', 'notBackup'],
    ['a newer version', 'V3', 'backupNewer'],
    ['4 GiB of Argon2 memory', 'HUGE', 'backupBadKdf'],
    ['a file of 3 MB', 'BIG', 'backupTooLarge'],
  ])('says what is wrong with %s', async (_name, kind, code) => {
    const file = JSON.parse(await encryptBackup(ACCOUNTS, PASSPHRASE, fast()));
    const text =
      kind === 'EXTRA'
        ? JSON.stringify({ ...file, note: 'x' })
        : kind === 'V3'
          ? JSON.stringify({ ...file, version: 3 })
          : kind === 'HUGE'
            ? JSON.stringify({ ...file, kdf: { ...file.kdf, memoryKiB: 4 * 1024 * 1024 } })
            : kind === 'BIG'
              ? ' '.repeat(3_000_000)
              : kind;
    expect(await codeRejected(() => decryptBackup(text, PASSPHRASE))).toBe(code);
  });
});
