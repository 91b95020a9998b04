/**
 * The vault as the automatic backup sees it (docs/otp-accounts.md §6): every account with the time
 * it last changed and the deletions remembered (tombstones, ids and times only), what a merge with
 * another browser's backup decided written back, the vault key's wrap every backup carries, and a
 * fresh install restored from a backup. Part of code-accounts.ts, given its key and its queue.
 */
import { defineStoredItem } from '../stored-item';
import { TOMBSTONE_DAYS } from '../../core/otp/backup-merge';
import { PassphraseError } from '../../core/otp/otp-error';
import {
  importAesGcmKey,
  MAX_TOMBSTONES,
  type BackupContents,
  type KeyHeader,
  type SyncedAccount,
  type Tombstone,
} from '../../core/otp/synced-backup';
import { sealRecord, type OtpAccount } from './sealed-records';
import type { Vault } from '../vault/vault';

/** Accounts deleted lately, for a shared backup to delete them in the other browser too. */
const deletedIds = defineStoredItem<Tombstone[]>('local:otpDeleted', { fallback: [] });

export async function rememberDeleted(id: string, at: number) {
  const since = at - TOMBSTONE_DAYS * 86_400_000;
  const kept = (await deletedIds.getValue()).filter((t) => t.deletedAt >= since && t.id !== id);
  await deletedIds.setValue([...kept, { id, deletedAt: at }].slice(-MAX_TOMBSTONES));
}

export function syncedAccounts({
  vault,
  now,
  inner,
}: {
  vault: () => Promise<Vault>;
  now: () => number;
  inner: {
    key: () => Promise<CryptoKey>;
    exclusive: <T>(change: () => Promise<T>) => Promise<T>;
    keepUnlocked: (raw: Uint8Array<ArrayBuffer>) => Promise<void>;
    accounts: (options: { use: boolean }) => Promise<OtpAccount[]>;
    /** The opened accounts are stale. */
    forget: () => void;
  };
}) {
  /** What an automatic backup holds now. */
  async function contents(): Promise<BackupContents> {
    const held = await inner.accounts({ use: false });
    const accounts = held.map(({ modifiedAt, ...a }) => ({ ...a, modifiedAt: modifiedAt ?? a.addedAt }));
    return { accounts, deleted: await deletedIds.getValue() };
  }

  /** Writes what a merge decided (backup-merge.ts), each account with the time it changed elsewhere. */
  const applyMerge = (change: { put: SyncedAccount[]; remove: string[]; deleted: Tombstone[] }) =>
    inner.exclusive(async () => {
      const [key, v] = [await inner.key(), await vault()];
      await v.otp.putAll(await Promise.all(change.put.map((a) => sealRecord(key, a, a.modifiedAt))));
      for (const id of change.remove) await v.otp.remove(id);
      await deletedIds.setValue(change.deleted);
      inner.forget();
    });

  /** The vault key's wrap: what every automatic backup carries, so the passphrase opens it. */
  async function keyHeader(): Promise<KeyHeader> {
    const stored = await (await vault()).otp.key();
    if (!stored) throw new PassphraseError('passphraseFirst');
    return { kdf: stored.kdf, wrapped: stored.wrapped };
  }

  /**
   * A fresh install restored from a backup: the vault takes the backup's key (`raw`, which the
   * header wraps under the backup's passphrase, so that passphrase opens the vault), then its
   * accounts, their ids and times kept.
   */
  async function restore(header: KeyHeader, raw: Uint8Array<ArrayBuffer>, from: BackupContents) {
    const v = await vault();
    if (await v.otp.key()) throw new PassphraseError('passphraseExists');
    const key = await importAesGcmKey(raw);
    const records = await Promise.all(from.accounts.map((a) => sealRecord(key, a, a.modifiedAt)));
    await v.otp.setKey({ ...header, createdAt: now() });
    await v.otp.putAll(records);
    await deletedIds.setValue(from.deleted);
    await inner.keepUnlocked(raw);
  }

  return { contents, applyMerge, keyHeader, restore, vaultKey: inner.key };
}
