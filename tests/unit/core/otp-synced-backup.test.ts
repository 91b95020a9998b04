/**
 * The automatic backup's file (version 2) and the merge of two browsers' backups: round trips,
 * the file opened by an independent reader (node:crypto's AES-GCM and @node-rs/argon2, following
 * docs/otp-accounts.md §6 rather than our code), files changed, swapped, hostile or from the future,
 * and last-writer-wins with tombstones, HOTP counters and the same account added twice.
 */
import { createDecipheriv } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url } from '../../../src/core/encoding';
import { decryptBackup } from '../../../src/core/otp/backup';
import { mergeBackups, TOMBSTONE_DAYS } from '../../../src/core/otp/backup-merge';
import { parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { newKdfParams, passphraseKey, seal, type KdfParams } from '../../../src/core/otp/passphrase-key';
import {
  importAesGcmKey,
  openSyncedFile,
  readSyncedFile,
  unwrapBackupKey,
  VAULT_KEY_CONTEXT,
  writeSyncedBackup,
  type BackupContents,
  type KeyHeader,
  type SyncedAccount,
} from '../../../src/core/otp/synced-backup';

const PASSPHRASE = 'a long walk by the sea';
const fast = (): KdfParams => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 });

async function vaultKey(passphrase = PASSPHRASE) {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const kdf = fast();
  const header: KeyHeader = {
    kdf,
    wrapped: await seal(await passphraseKey(passphrase, kdf), raw.slice(), VAULT_KEY_CONTEXT),
  };
  return { raw, header, key: await importAesGcmKey(raw.slice()) };
}

const account = (uri: string, id: string, modifiedAt: number, extra: Partial<SyncedAccount> = {}): SyncedAccount => ({
  ...parseOtpauthUri(uri),
  site: '',
  pinned: false,
  addedAt: 1,
  group: '',
  id,
  modifiedAt,
  ...extra,
});
const GITHUB = 'otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK = 'otpauth://hotp/Bank:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=3';
const MAIL = 'otpauth://totp/Mail:anna?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ======&issuer=Mail';

describe('the automatic backup file (version 2)', () => {
  it('opens with the key its header wraps, and the passphrase opens that key', async () => {
    const { header, key, raw } = await vaultKey();
    const contents: BackupContents = {
      accounts: [account(GITHUB, 'a1', 100), account(BANK, 'b2', 200, { site: 'bank.example', pinned: true })],
      deleted: [{ id: 'gone', deletedAt: 50 }],
    };
    const text = await writeSyncedBackup(contents, header, key);
    for (const secret of ['JBSWY3DPEHPK3PXP', 'GitHub', 'anna', 'bank.example']) expect(text).not.toContain(secret);
    const file = readSyncedFile(text);
    expect(Buffer.from(await unwrapBackupKey(file.header, PASSPHRASE))).toEqual(Buffer.from(raw));
    const opened = await openSyncedFile(file, key);
    expect(opened.accounts.map((a) => [a.id, a.modifiedAt, a.issuer])).toEqual([
      ['a1', 100, 'GitHub'],
      ['b2', 200, 'Bank'],
    ]);
    expect(opened.deleted).toEqual([{ id: 'gone', deletedAt: 50 }]);
    // What an import reads of it: the live accounts, under the same passphrase.
    expect((await decryptBackup(text, PASSPHRASE)).map((a) => a.issuer)).toEqual(['GitHub', 'Bank']);
  });

  it('is what docs/otp-accounts.md §6 says: an independent reader (node:crypto, @node-rs/argon2) opens it', async () => {
    const { header, key } = await vaultKey();
    const text = await writeSyncedBackup({ accounts: [account(GITHUB, 'a1', 100)], deleted: [] }, header, key);
    const file = JSON.parse(text);
    const gcm = (k: Buffer, iv: string, data: string, aad: string) => {
      const bytes = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(bytes.subarray(-16));
      return Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]);
    };
    const kek = await hashRaw(PASSPHRASE.normalize('NFC'), {
      algorithm: 2, // Argon2id
      salt: Buffer.from(file.kdf.salt, 'base64url'),
      memoryCost: file.kdf.memoryKiB,
      timeCost: file.kdf.iterations,
      parallelism: file.kdf.parallelism,
      outputLen: 32,
    });
    const vault = gcm(kek, file.key.iv, file.key.data, 'sidekey-otp-vault-key v1');
    const aad = JSON.stringify({
      format: file.format,
      version: 2,
      kdf: file.kdf,
      key: file.key,
      cipher: 'AES-256-GCM',
    });
    const plain = JSON.parse(gcm(vault, file.cipher.iv, file.data, aad).toString('utf8'));
    expect(plain.accounts[0]).toMatchObject({
      id: 'a1',
      issuer: 'GitHub',
      secret: base64url(parseOtpauthUri(GITHUB).secret),
    });
  });

  it('opens whatever order the header’s fields were kept in (extension storage sorts keys)', async () => {
    const { header, key } = await vaultKey();
    const { name, memoryKiB, iterations, parallelism, salt } = header.kdf;
    const sorted = { kdf: { iterations, memoryKiB, name, parallelism, salt }, wrapped: header.wrapped };
    const text = await writeSyncedBackup({ accounts: [account(GITHUB, 'a1', 1)], deleted: [] }, sorted, key);
    expect((await decryptBackup(text, PASSPHRASE)).map((a) => a.issuer)).toEqual(['GitHub']);
  });

  it('does not open with another file’s key swapped in, a changed parameter, or a wrong passphrase', async () => {
    const mine = await vaultKey();
    const theirs = await vaultKey('another passphrase here');
    const text = await writeSyncedBackup({ accounts: [account(GITHUB, 'a1', 1)], deleted: [] }, mine.header, mine.key);
    const file = JSON.parse(text);
    const swapped = JSON.stringify({ ...file, key: theirs.header.wrapped, kdf: theirs.header.kdf });
    await expect(openSyncedFile(readSyncedFile(swapped), theirs.key)).rejects.toMatchObject({
      code: 'backupWrongPassphrase',
    });
    const changed = JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 2 } });
    await expect(openSyncedFile(readSyncedFile(changed), mine.key)).rejects.toMatchObject({
      code: 'backupWrongPassphrase',
    });
    await expect(unwrapBackupKey(mine.header, 'not the passphrase')).rejects.toMatchObject({
      code: 'backupWrongPassphrase',
    });
    await expect(decryptBackup(text, 'not the passphrase')).rejects.toMatchObject({ code: 'backupWrongPassphrase' });
  });

  it('refuses hostile and future files before deriving any key', async () => {
    const { header, key } = await vaultKey();
    const file = JSON.parse(await writeSyncedBackup({ accounts: [], deleted: [] }, header, key));
    const cases: [unknown, string][] = [
      ['not json', 'notBackup'],
      [{ ...file, version: 3 }, 'backupNewer'],
      [{ ...file, extra: 1 }, 'notBackup'],
      [{ ...file, kdf: { ...file.kdf, memoryKiB: 4 * 1024 * 1024 } }, 'backupBadKdf'],
      [{ ...file, key: { iv: file.key.iv, data: 'A'.repeat(500) } }, 'notBackup'],
      [JSON.stringify(file).replace(/^\{/, '{"__proto__":{"polluted":true},'), 'notBackup'],
      [null, 'notBackup'],
      [[], 'notBackup'],
    ];
    for (const [json, code] of cases)
      expect(() => readSyncedFile(typeof json === 'string' ? json : JSON.stringify(json)), code).toThrow(
        expect.objectContaining({ code }),
      );
    expect(() => readSyncedFile(' '.repeat(2 * 1024 * 1024 + 1))).toThrow(
      expect.objectContaining({ code: 'backupTooLarge' }),
    );
  });

  it('refuses contents of the wrong shape even under the right key (a crafted file)', async () => {
    const { header, key } = await vaultKey();
    const good = JSON.parse(
      await writeSyncedBackup({ accounts: [account(GITHUB, 'a1', 1)], deleted: [] }, header, key),
    );
    const aad = JSON.stringify({
      format: good.format,
      version: 2,
      kdf: good.kdf,
      key: good.key,
      cipher: 'AES-256-GCM',
    });
    for (const plain of [
      { accounts: [], deleted: [], more: 1 },
      { accounts: [{ id: 'x' }], deleted: [] },
      { accounts: [], deleted: Array.from({ length: 4001 }, (_, i) => ({ id: `t${i}`, deletedAt: 1 })) },
      { accounts: [], deleted: [{ id: '../../etc', deletedAt: 1 }] },
    ]) {
      const sealed = await seal(key, new TextEncoder().encode(JSON.stringify(plain)), aad);
      const text = JSON.stringify({ ...good, cipher: { name: 'AES-256-GCM', iv: sealed.iv }, data: sealed.data });
      await expect(openSyncedFile(readSyncedFile(text), key)).rejects.toMatchObject({ code: 'backupUnreadable' });
    }
    expect(fromBase64url(good.key.iv)).toHaveLength(12);
  });
});

describe('merging two browsers’ backups', () => {
  const NOW = Date.UTC(2026, 11, 6);
  const none: BackupContents = { accounts: [], deleted: [] };

  it('takes accounts added elsewhere, and the later edit of an account', () => {
    const local = { accounts: [account(GITHUB, 'a1', 100, { issuer: 'GitHub' })], deleted: [] };
    const remote = {
      accounts: [account(GITHUB, 'a1', 200, { issuer: 'GitHub work' }), account(MAIL, 'm1', 150)],
      deleted: [],
    };
    const result = mergeBackups(local, remote, NOW);
    expect(result.merged.accounts.map((a) => [a.id, a.issuer]).sort()).toEqual([
      ['a1', 'GitHub work'],
      ['m1', 'Mail'],
    ]);
    expect(result.put.map((a) => a.id).sort()).toEqual(['a1', 'm1']);
    expect(result.remove).toEqual([]);
    // And back the other way: the same outcome, nothing for the other side to take.
    const back = mergeBackups(remote, result.merged, NOW);
    expect(back.put).toEqual([]);
    expect(back.remove).toEqual([]);
  });

  it('keeps a local edit newer than the remote version', () => {
    const local = { accounts: [account(GITHUB, 'a1', 300, { pinned: true })], deleted: [] };
    const remote = { accounts: [account(GITHUB, 'a1', 200)], deleted: [] };
    const result = mergeBackups(local, remote, NOW);
    expect(result.merged.accounts[0]!.pinned).toBe(true);
    expect(result.put).toEqual([]);
  });

  it('deletes what was deleted elsewhere later, keeps what was edited after the deletion; a tie deletes', () => {
    const local = {
      accounts: [account(GITHUB, 'a1', 100), account(MAIL, 'm1', 500), account(BANK, 'b1', 200)],
      deleted: [],
    };
    const remote = {
      accounts: [],
      deleted: [
        { id: 'a1', deletedAt: 200 },
        { id: 'm1', deletedAt: 400 },
        { id: 'b1', deletedAt: 200 },
      ],
    };
    const result = mergeBackups(local, remote, 1000);
    expect(result.remove.sort()).toEqual(['a1', 'b1']);
    expect(result.merged.accounts.map((a) => a.id)).toEqual(['m1']);
    expect(result.merged.deleted.map((t) => t.id).sort()).toEqual(['a1', 'b1']);
  });

  it('never takes an HOTP counter back (RFC 4226 §7.2)', () => {
    const local = { accounts: [account(BANK, 'b1', 100, { counter: 9 })], deleted: [] };
    const remote = { accounts: [account(BANK, 'b1', 200, { counter: 5, pinned: true })], deleted: [] };
    const merged = mergeBackups(local, remote, NOW).merged.accounts[0]!;
    expect([merged.counter, merged.pinned]).toEqual([9, true]);
  });

  it('keeps one of the same account added in both browsers, the same one on both sides', () => {
    const here = { accounts: [account(GITHUB, 'zz', 100)], deleted: [] };
    const there = { accounts: [account(GITHUB, 'aa', 120)], deleted: [] };
    const a = mergeBackups(here, there, 1000);
    const b = mergeBackups(there, here, 1000);
    expect(a.merged.accounts.map((x) => x.id)).toEqual(['aa']);
    expect(b.merged.accounts.map((x) => x.id)).toEqual(['aa']);
    expect(a.remove).toEqual(['zz']);
    expect(b.remove).toEqual([]);
    expect(a.merged.deleted).toEqual([{ id: 'zz', deletedAt: 120 }]);
  });

  it(`forgets deletions after ${TOMBSTONE_DAYS} days`, () => {
    const old = NOW - (TOMBSTONE_DAYS + 1) * 86_400_000;
    const result = mergeBackups({ accounts: [], deleted: [{ id: 'x', deletedAt: old }] }, none, NOW);
    expect(result.merged.deleted).toEqual([]);
  });
});
