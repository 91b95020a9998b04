/**
 * What the automatic backup keeps in `storage.local` (docs/otp-accounts.md §6): the targets the
 * user chose, what each last did, and what waits to be delivered. Backups' texts are sealed
 * (synced-backup.ts) before they are kept here; the WebDAV app password is kept as the browser's
 * own password store keeps one without a primary password (the threat model says what that means),
 * so a backup that failed can be delivered while the codes are locked.
 */
import { defineStoredItem } from '../../stored-item';
import type { KeyHeader } from '../../../core/otp/synced-backup';
import type { Sealed } from '../../../core/otp/passphrase-key';
import { DEFAULT_FOLDER_KEEP, type BackupErrorCode } from '../../../core/otp/backup-status';

export const FOLDER_NAME = 'Sidekey';

export interface FolderSettings {
  on: boolean;
  keep: number;
}
/** The user's WebDAV folder, and what this browser knows of the file there. */
export interface DavSettings {
  url: string;
  user: string;
  password: string;
  /**
   * The key of the folder's file when another browser made it (this browser joined with that
   * file's passphrase): sealed under this vault's key, with the header the file carries. Absent:
   * the file is under this vault's own key.
   */
  shared?: { header: KeyHeader; sealedKey: Sealed };
  /** The ETag of the version last read or written here, and its accounts' fingerprint (no secret in it). */
  etag: string | null;
  fingerprint: string | null;
}

export type TargetName = 'folder' | 'dav';
export interface TargetStatus {
  /** When a backup last reached it (ms). */
  lastSuccess: number | null;
  /** Why the last try failed, and when; null once one succeeds. */
  error: { code: BackupErrorCode; at: number } | null;
}

export const folderSettings = defineStoredItem<FolderSettings>('local:otpBackupFolder', {
  fallback: { on: true, keep: DEFAULT_FOLDER_KEEP },
});
/** The files the folder holds of ours, oldest first (download ids, to delete past `keep`). */
export const folderFiles = defineStoredItem<{ id: number; name: string; at: number }[]>('local:otpBackupFiles', {
  fallback: [],
});
export const davSettings = defineStoredItem<DavSettings | null>('local:otpBackupDav', { fallback: null });
export const backupStatus = defineStoredItem<Partial<Record<TargetName, TargetStatus>>>('local:otpBackupStatus', {
  fallback: {},
});
/** A sealed backup not yet delivered, per target, with the version it was made against (WebDAV). */
export const pendingBackups = defineStoredItem<{
  folder?: string;
  dav?: { text: string; expected: string | null; fingerprint: string };
}>('local:otpBackupPending', { fallback: {} });

export async function setStatus(target: TargetName, outcome: { ok: true } | { code: BackupErrorCode }, at: number) {
  const all = await backupStatus.getValue();
  const was = all[target] ?? { lastSuccess: null, error: null };
  const next: TargetStatus =
    'ok' in outcome
      ? { lastSuccess: at, error: null }
      : { lastSuccess: was.lastSuccess, error: { code: outcome.code, at } };
  await backupStatus.setValue({ ...all, [target]: next });
}

/** The folder's last file (sealed) and when it was written: written again daily, even while locked. */
export const lastFolderFile = defineStoredItem<{ text: string; at: number } | null>('local:otpBackupLastFile', {
  fallback: null,
});
/** What the folder's last file held (ids, times, counters, hashed: dav-sync.ts `fingerprint`). */
export const lastFolderFingerprint = defineStoredItem<string | null>('local:otpBackupLastFileFingerprint', {
  fallback: null,
});
