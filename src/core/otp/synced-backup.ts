/**
 * The automatic backup (docs/otp-accounts.md §6), version 2 of Sidekey's backup file:
 *
 *   { "format": "sidekey-otp-backup", "version": 2,
 *     "kdf": { argon2id parameters and salt }, "key": { "iv", "data" },
 *     "cipher": { "name": "AES-256-GCM", "iv" }, "data": base64url }
 *
 * `key` is the vault key wrapped by the passphrase's Argon2id key — the very record the vault keeps
 * (code-accounts.ts), so the background can write a backup whenever the vault is unlocked without
 * knowing the passphrase, and the backup opens with the vault's passphrase. `data` is AES-256-GCM
 * under that key of `{ accounts, deleted }`: each account with its id and the time it last
 * changed, and the ids deleted lately (tombstones), so two browsers sharing one file can merge
 * (backup-merge.ts). The header (format, version, kdf, key, the cipher's name) is the additional
 * data: a file whose key was swapped for another's, or whose parameters changed, does not open.
 */
import * as z from 'zod/mini';
import { deferred } from '../deferred';
import { keptAccountWithSecret } from './account-schema';
import { base64url } from '../encoding';
import { BackupError, PassphraseError } from './otp-error';
import { MAX_BACKUP_BYTES, MAX_OTP_ACCOUNTS } from './limits';
import { checkKdfParams, open, passphraseKey, seal, type KdfParams, type Sealed } from './passphrase-key';
import type { BackupAccount } from './backup';

export const BACKUP_FORMAT = 'sidekey-otp-backup';
export const SYNCED_BACKUP_VERSION = 2;
export { MAX_BACKUP_BYTES };
/** The vault key's wrap, in the vault and in every automatic backup (RFC 5116 associated data). */
export const VAULT_KEY_CONTEXT = 'sidekey-otp-vault-key v1';
/** The most deletions a file remembers (each ≈ 60 bytes): more than a vault can hold. */
export const MAX_TOMBSTONES = 2 * MAX_OTP_ACCOUNTS;

/** An account as an automatic backup keeps it: with its id, and when it last changed (ms). */
export interface SyncedAccount extends BackupAccount {
  id: string;
  modifiedAt: number;
}
/** An account deleted, remembered for a while so another browser deletes it too. */
export interface Tombstone {
  id: string;
  deletedAt: number;
}
export interface BackupContents {
  accounts: SyncedAccount[];
  deleted: Tombstone[];
}
/** The wrapped key a backup carries: the vault's own key record, or the one of a shared folder's file. */
export interface KeyHeader {
  kdf: KdfParams;
  wrapped: Sealed;
}

const b64 = (max: number) =>
  z
    .string()
    .check(z.maxLength(max))
    .check(z.regex(/^[A-Za-z0-9_-]*$/));
const recordId = deferred(() => b64(64).check(z.minLength(1)));
const time = deferred(() => z.int().check(z.nonnegative()).check(z.lte(Number.MAX_SAFE_INTEGER)));
const fileSchema = deferred(() =>
  z.strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(SYNCED_BACKUP_VERSION),
    kdf: z.unknown(),
    // A wrapped 32-byte key: 12-byte IV, 48 bytes of ciphertext and tag.
    key: z.strictObject({ iv: b64(16), data: b64(64) }),
    cipher: z.strictObject({ name: z.literal('AES-256-GCM'), iv: b64(16) }),
    data: b64(Math.ceil((MAX_BACKUP_BYTES * 4) / 3)),
  }),
);
const contentsSchema = deferred(() =>
  z.strictObject({
    accounts: z
      .array(z.extend(keptAccountWithSecret, { id: recordId, modifiedAt: time }))
      .check(z.maxLength(MAX_OTP_ACCOUNTS)),
    deleted: z.array(z.strictObject({ id: recordId, deletedAt: time })).check(z.maxLength(MAX_TOMBSTONES)),
  }),
);
export type RawContents = z.infer<typeof contentsSchema>;

const CIPHER = 'AES-256-GCM';
/** The KDF's fields in one order, whatever order an object came in (storage may sort keys). */
const kdfFields = ({ name, memoryKiB, iterations, parallelism, salt }: KdfParams) => ({
  name,
  memoryKiB,
  iterations,
  parallelism,
  salt,
});
const context = (header: KeyHeader) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    version: SYNCED_BACKUP_VERSION,
    kdf: kdfFields(header.kdf),
    key: { iv: header.wrapped.iv, data: header.wrapped.data },
    cipher: CIPHER,
  });

/** The file's text: `contents` sealed under `key`, which `header` wraps. */
export async function writeSyncedBackup(contents: BackupContents, header: KeyHeader, key: CryptoKey): Promise<string> {
  if (contents.accounts.length > MAX_OTP_ACCOUNTS) throw new BackupError('backupTooMany', { max: MAX_OTP_ACCOUNTS });
  const plain = new TextEncoder().encode(
    JSON.stringify({
      accounts: contents.accounts.map((a) => ({ ...a, secret: base64url(a.secret) })),
      deleted: contents.deleted.slice(-MAX_TOMBSTONES),
    }),
  );
  const sealed = await seal(key, plain, context(header));
  plain.fill(0);
  const { kdf, wrapped } = header;
  const file = {
    format: BACKUP_FORMAT,
    version: SYNCED_BACKUP_VERSION,
    kdf: kdfFields(kdf),
    key: { iv: wrapped.iv, data: wrapped.data },
    cipher: { name: CIPHER, iv: sealed.iv },
    data: sealed.data,
  };
  return `${JSON.stringify(file)}\n`;
}

export interface SyncedFile {
  header: KeyHeader;
  sealed: Sealed;
}

/** A backup file's JSON, of any version: too large or not JSON is a BackupError. */
export function parseBackupJson(text: string): unknown {
  if (text.length > MAX_BACKUP_BYTES * 2) throw new BackupError('backupTooLarge');
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError('notBackup');
  }
}

/** The version a backup file says it is (undefined when it says none). */
export const backupVersion = (json: unknown) => (json as { version?: unknown } | null)?.version;

/** The file's parts, checked before any key is derived: a BackupError says what is wrong. */
export function readSyncedFile(text: string): SyncedFile {
  const json = parseBackupJson(text);
  const version = backupVersion(json);
  if (typeof version === 'number' && version > SYNCED_BACKUP_VERSION) throw new BackupError('backupNewer', { version });
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new BackupError('notBackup');
  if (!checkKdfParams(file.data.kdf)) throw new BackupError('backupBadKdf');
  return {
    header: { kdf: file.data.kdf, wrapped: file.data.key },
    sealed: { iv: file.data.cipher.iv, data: file.data.data },
  };
}

/** The key a file's header wraps, opened with the passphrase (raw bytes: the caller wipes them). */
export async function unwrapBackupKey(header: KeyHeader, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await open(await passphraseKey(passphrase, header.kdf), header.wrapped, VAULT_KEY_CONTEXT);
  } catch (error) {
    if (error instanceof PassphraseError) throw new BackupError('backupWrongPassphrase');
    throw error;
  }
}

/** A raw 256-bit key as a non-extractable AES-GCM key (the vault key, a backup's key). */
export const importAesGcmKey = (raw: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

/**
 * What a file holds, opened with the key its header wraps. The accounts are only shaped here:
 * `withinRules` (backup.ts) holds each to what the popup lets a user type before it is kept.
 */
export async function openSyncedFile(file: SyncedFile, key: CryptoKey): Promise<RawContents> {
  let plain: Uint8Array;
  try {
    plain = await open(key, file.sealed, context(file.header));
  } catch (error) {
    if (error instanceof PassphraseError) throw new BackupError('backupWrongPassphrase');
    throw error;
  }
  try {
    const parsed = contentsSchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    if (!parsed.success) throw new BackupError('backupUnreadable');
    return parsed.data;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('backupUnreadable');
  } finally {
    plain.fill(0);
  }
}
