/**
 * The WebDAV target (docs/otp-accounts.md §6): this browser's accounts and the folder's file made
 * one. Unlocked, the file is read, merged with the vault account by account (backup-merge.ts),
 * what changed elsewhere written into the vault, and the merged file written back only if it
 * differs — on the condition that the file is still the version read (If-Match), or else read and
 * merged again. Locked, a backup made earlier is delivered only where the file is still the version
 * it was made against; a newer one from another browser waits for the next unlock to be merged,
 * never overwritten.
 */
import { mergeBackups } from '../../../core/otp/backup-merge';
import { backupAccount } from '../../../core/otp/backup';
import { base64url } from '../../../core/encoding';
import { open } from '../../../core/otp/passphrase-key';
import {
  importAesGcmKey,
  openSyncedFile,
  readSyncedFile,
  writeSyncedBackup,
  type BackupContents,
  type KeyHeader,
  type RawContents,
  type SyncedAccount,
  type Tombstone,
} from '../../../core/otp/synced-backup';
import type { DavSettings } from './backup-state';
import { davRead, davWrite, type DavPlace } from './webdav-client';

/** Additional data of a shared folder's key kept under this vault's key. */
export const SHARED_KEY_CONTEXT = 'sidekey-otp-shared-backup-key v1';
const ATTEMPTS = 4;
/** Apache gives a file changed within the last second a weak ETag: a little more than that. */
const STRONG_ETAG_WAIT_MS = 1100;

export interface SyncVault {
  contents(): Promise<BackupContents>;
  applyMerge(change: { put: SyncedAccount[]; remove: string[]; deleted: Tombstone[] }): Promise<void>;
  keyHeader(): Promise<KeyHeader>;
  vaultKey(): Promise<CryptoKey>;
}

export class SyncError extends Error {
  constructor(readonly code: 'remoteUnreadable' | 'unlockToMerge' | 'busy') {
    super(code);
  }
}

/** The same version, whatever the weakness (RFC 9110 §8.8.3.2's weak comparison). */
export const sameVersion = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.replace(/^W\//, '') === b.replace(/^W\//, '');

/** What a file's accounts are, without their secrets: ids, times and counters, hashed. */
export async function fingerprint(contents: BackupContents): Promise<string> {
  const lines = [
    ...contents.accounts.map((a) => `a ${a.id} ${a.modifiedAt} ${a.counter}`),
    ...contents.deleted.map((t) => `d ${t.id} ${t.deletedAt}`),
  ].sort();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines.join('\n')));
  return base64url(new Uint8Array(digest));
}

const sameTombstones = (a: Tombstone[], b: Tombstone[]) =>
  a.length === b.length && a.every((t, i) => t.id === b[i]!.id && t.deletedAt === b[i]!.deletedAt);

/** The key the folder's file is under, and the header it carries. */
export async function folderKey(vault: SyncVault, settings: DavSettings) {
  if (!settings.shared) return { header: await vault.keyHeader(), key: await vault.vaultKey() };
  const raw = await open(await vault.vaultKey(), settings.shared.sealedKey, SHARED_KEY_CONTEXT);
  return { header: settings.shared.header, key: await importAesGcmKey(raw).finally(() => raw.fill(0)) };
}

/** A file's accounts held to what the popup lets a user type (withinRules): the server's word is no more. */
export function heldToRules(raw: RawContents): BackupContents {
  return {
    accounts: raw.accounts.map(({ id, modifiedAt, ...account }) => ({ ...backupAccount(account), id, modifiedAt })),
    deleted: raw.deleted,
  };
}

async function openRemote(text: string, key: CryptoKey): Promise<BackupContents> {
  try {
    return heldToRules(await openSyncedFile(readSyncedFile(text), key));
  } catch {
    // Another key (the folder was made anew elsewhere), a newer version, a damaged file.
    throw new SyncError('remoteUnreadable');
  }
}

/** One sync with the vault unlocked; DavError, SyncError or BackupError when it cannot. */
export async function syncUnlocked(
  vault: SyncVault,
  settings: DavSettings,
  { now = Date.now, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)) } = {},
): Promise<DavSettings> {
  const place: DavPlace = settings;
  const { header, key } = await folderKey(vault, settings);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let read = await davRead(place);
    // A weak ETag never matches If-Match (RFC 9110 §13.1.1): wait for the strong one.
    for (let wait = 0; read.state === 'found' && read.etag?.startsWith('W/') && wait < 3; wait++) {
      await sleep(STRONG_ETAG_WAIT_MS);
      read = await davRead(place);
    }
    let local = await vault.contents();
    let remoteFingerprint: string | null = null;
    if (read.state === 'found') {
      const remote = await openRemote(read.text, key);
      remoteFingerprint = await fingerprint(remote);
      const merged = mergeBackups(local, remote, now());
      // Only what changed is written: the vault's opened accounts stay cached otherwise.
      if (merged.put.length || merged.remove.length || !sameTombstones(local.deleted, merged.merged.deleted))
        await vault.applyMerge({ ...merged, deleted: merged.merged.deleted });
      local = merged.merged;
    }
    const mine = await fingerprint(local);
    const expected = read.state === 'found' ? read.etag : null;
    if (read.state === 'found' && mine === remoteFingerprint) return { ...settings, etag: expected, fingerprint: mine };
    const text = await writeSyncedBackup(local, header, key);
    // A server that names no version at all: written as read, unconditionally (docs: the one race left).
    const written = await davWrite(place, text, read.state === 'absent' ? null : (expected ?? '*'));
    if (!written.written) continue;
    // Many servers (Apache's mod_dav) do not say the new ETag: read back, and merge again if another wrote between.
    const back = await davRead(place);
    if (back.state === 'found' && back.text === text) return { ...settings, etag: back.etag, fingerprint: mine };
  }
  throw new SyncError('busy');
}

/** A backup made while unlocked, for a retry while locked: this vault's contents as they are, sealed. */
export async function pendingFor(vault: SyncVault, settings: DavSettings) {
  const { header, key } = await folderKey(vault, settings);
  const contents = await vault.contents();
  return {
    text: await writeSyncedBackup(contents, header, key),
    expected: settings.etag,
    fingerprint: await fingerprint(contents),
  };
}

/**
 * Delivers what was made while unlocked (pendingFor), only over the version it was made against;
 * SyncError('unlockToMerge') when another browser wrote since.
 */
export async function deliverLocked(
  settings: DavSettings,
  pending: { text: string; expected: string | null; fingerprint: string },
): Promise<DavSettings> {
  const read = await davRead(settings);
  const current = read.state === 'found' ? read.etag : null;
  const unchanged = read.state === 'absent' ? pending.expected === null : sameVersion(current, pending.expected);
  if (!unchanged) throw new SyncError('unlockToMerge');
  // Written within the last second (a weak ETag matches no If-Match): the next try.
  if (current?.startsWith('W/')) throw new SyncError('busy');
  const written = await davWrite(settings, pending.text, current);
  if (!written.written) throw new SyncError('unlockToMerge');
  const back = await davRead(settings);
  const etag = back.state === 'found' && back.text === pending.text ? back.etag : null;
  return { ...settings, etag, fingerprint: pending.fingerprint };
}
