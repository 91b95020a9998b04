/**
 * The automatic backup's messages (docs/otp-accounts.md §6), all from the extension's own pages:
 * its state, the folder target, the WebDAV folder checked before it is kept (and joined with the
 * passphrase of a backup another browser made there), a backup now, and the restore a fresh
 * install offers. No answer carries the app password or a key.
 */
import { browser } from 'wxt/browser';
import { MessageError } from '../../../core/messages';
import { decryptBackup } from '../../../core/otp/backup';
import { CodesLocked, PassphraseError } from '../../../core/otp/otp-error';
import { seal } from '../../../core/otp/passphrase-key';
import {
  backupVersion,
  importAesGcmKey,
  openSyncedFile,
  parseBackupJson,
  readSyncedFile,
  SYNCED_BACKUP_VERSION,
  unwrapBackupKey,
} from '../../../core/otp/synced-backup';
import { backupText } from '../../i18n/backup-texts';
import type { ContextHandlers } from '../../messaging';
import type { CodeAccounts } from '../code-accounts';
import { userErrors } from '../user-errors';
import { backupStatus, davSettings, folderSettings, pendingBackups, type DavSettings } from '../backup/backup-state';
import { heldToRules, SHARED_KEY_CONTEXT, SyncError } from '../backup/dav-sync';
import { davCheck, davFolderUrl, davOrigin, davRead, DavError, type DavPlace } from '../backup/webdav-client';
import type { AutomaticBackup } from './backup-service';

/** A WebDAV failure or a sync's in the user's language, its code beside it. */
async function backupErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await userErrors(run);
  } catch (error) {
    if (error instanceof DavError || error instanceof SyncError)
      throw new MessageError(backupText(error.code), error.code);
    throw error;
  }
}

async function reachable(typed: { url: string; user: string; password: string }): Promise<DavPlace> {
  const place = { url: davFolderUrl(typed.url), user: typed.user, password: typed.password };
  // The page asked for this server's permission on the user's click; without it, nothing is sent.
  if (!(await browser.permissions.contains({ origins: [davOrigin(place.url)] }))) throw new DavError('noPermission');
  await davCheck(place);
  return place;
}

async function forgetDav() {
  const { dav: _status, ...status } = await backupStatus.getValue();
  await backupStatus.setValue(status);
  const { dav: _pending, ...pending } = await pendingBackups.getValue();
  await pendingBackups.setValue(pending);
}

export function createBackupHandlers({ otp, backup }: { otp: CodeAccounts; backup: AutomaticBackup }) {
  return {
    otpBackupState: async () => {
      const state = await backup.state();
      // A page opened while a target fails tries again at once, behind its answer.
      if (state.folder.status?.error || state.dav?.status?.error) void backup.run();
      return state;
    },
    otpBackupFolder: async ({ on, keep }) => {
      await folderSettings.setValue({ on, keep });
      if (on) await backup.run();
      await backup.refreshBadge();
      return backup.state();
    },
    otpBackupDavSet: (typed) =>
      backupErrors(async () => {
        const codes = await otp.state();
        if (codes === 'none') throw new PassphraseError('passphraseFirst');
        if (codes === 'locked') throw new CodesLocked();
        const place = await reachable(typed);
        const read = await davRead(place);
        let shared: DavSettings['shared'];
        if (read.state === 'found') {
          const file = readSyncedFile(read.text);
          const own = await otp.keyHeader();
          // Another vault's backup (another browser, or this one before a reinstall): joined with its passphrase.
          if (file.header.wrapped.data !== own.wrapped.data) {
            if (!typed.passphrase) return { needsPassphrase: true, state: await backup.state() };
            const raw = await unwrapBackupKey(file.header, typed.passphrase);
            const sealedKey = await seal(await otp.vaultKey(), raw, SHARED_KEY_CONTEXT).finally(() => raw.fill(0));
            shared = { header: file.header, sealedKey };
          }
        }
        await forgetDav();
        await davSettings.setValue({ ...place, ...(shared && { shared }), etag: null, fingerprint: null });
        // The first sync now (a merge, when joining), answered when done: the page shows how it went.
        await backup.run();
        return { needsPassphrase: false, state: await backup.state() };
      }),
    otpBackupDavOff: async () => {
      await davSettings.setValue(null);
      await forgetDav();
      await backup.refreshBadge();
      return backup.state();
    },
    otpBackupNow: async () => {
      await backup.run();
      return backup.state();
    },
    otpRestore: ({ from, passphrase }) =>
      backupErrors(async () => {
        if ((await otp.state()) !== 'none') throw new PassphraseError('passphraseExists');
        let text: string;
        let place: DavPlace | undefined;
        if ('file' in from) text = from.file;
        else {
          place = await reachable(from);
          const read = await davRead(place);
          if (read.state !== 'found') throw new MessageError(backupText('noBackupThere'), 'noBackupThere');
          text = read.text;
        }
        if (backupVersion(parseBackupJson(text)) !== SYNCED_BACKUP_VERSION) {
          // A backup exported by hand (version 1): its passphrase becomes the codes', its accounts added.
          const accounts = await decryptBackup(text, passphrase);
          await otp.setUp(passphrase);
          await otp.add(accounts, { allowDuplicates: true });
          return { restored: accounts.length };
        }
        const file = readSyncedFile(text);
        const raw = await unwrapBackupKey(file.header, passphrase);
        try {
          const contents = heldToRules(await openSyncedFile(file, await importAesGcmKey(raw)));
          await otp.restore(file.header, raw, contents);
          // The folder it came from stays this install's backup: the same key, so no passphrase to join.
          if (place) await davSettings.setValue({ ...place, etag: null, fingerprint: null });
          backup.soon(0);
          return { restored: contents.accounts.length };
        } finally {
          raw.fill(0);
        }
      }),
  } satisfies ContextHandlers;
}
