/**
 * The automatic backup (docs/otp-accounts.md §6): after every change (a few seconds later, so a
 * burst of edits makes one backup), at every unlock, and by an alarm — every 15 minutes while
 * unlocked to take in another browser's changes, at least daily, and sooner after a failure, with
 * a growing pause — a sealed backup goes to each target the user chose. Backups never hold up the
 * popup: they run behind its answers, one at a time. How each target last did is kept for the
 * pages and shown on the toolbar badge while one fails.
 */
import { browser } from 'wxt/browser';
import { writeSyncedBackup } from '../../../core/otp/synced-backup';
import type { BackupErrorCode } from '../../../core/otp/backup-status';
import { BackupError } from '../../../core/otp/otp-error';
import type { BackupState } from '../../../core/messages';
import { showBackupFailing } from '../../background/toolbar-badge';
import type { CodeAccounts } from '../code-accounts';
import { oneAtATime } from '../one-at-a-time';
import {
  backupStatus,
  davSettings,
  folderSettings,
  lastFolderFile,
  lastFolderFingerprint,
  pendingBackups,
  setStatus,
  type TargetName,
} from '../backup/backup-state';
import { deliverLocked, fingerprint, pendingFor, syncUnlocked, SyncError } from '../backup/dav-sync';
import { FolderError, saveToFolder } from '../backup/folder-target';
import { DavError, davOrigin, davRead } from '../backup/webdav-client';

export const BACKUP_ALARM = 'sidekey-otp-backup';
const CHECK_ALARM = 'sidekey-otp-backup-check';
const AFTER_CHANGE_MS = 2_000;
const CHECK_MINUTES = 15;
const DAY_MS = 86_400_000;
/** The pauses after consecutive failures, in minutes (Chrome's alarms ring at most every 30 s). */
const RETRY_MINUTES = [0.5, 1, 2, 5, 10, 15];

export type AutomaticBackup = ReturnType<typeof startAutomaticBackup>;

export function startAutomaticBackup({
  otp,
  afterMerge,
  now = Date.now,
}: {
  otp: CodeAccounts;
  /** The fill scripts follow the sites of accounts another browser added or deleted. */
  afterMerge: () => Promise<unknown>;
  now?: () => number;
}) {
  const exclusive = oneAtATime();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  /** A backup soon: a timer for this worker's life, and the alarm in case the worker stops first. */
  function soon(delayMs = AFTER_CHANGE_MS) {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
    void browser.alarms.create(BACKUP_ALARM, { delayInMinutes: 1 });
  }
  otp.onChange(() => soon());
  otp.onUnlock(() => soon(0));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BACKUP_ALARM) void run();
    if (alarm.name === CHECK_ALARM) void run({ check: true });
  });
  // A worker started anew knows what the last one did, and keeps the check alarm — a moment after
  // its start, behind the questions of the popup that woke it.
  setTimeout(() => {
    void refreshBadge();
    void browser.alarms.get(CHECK_ALARM).then(async (alarm) => {
      // Made once: made again at every worker start, it would never ring (the worker stops sooner).
      if (!alarm) await browser.alarms.create(CHECK_ALARM, { periodInMinutes: CHECK_MINUTES });
    });
  }, 500);

  const codeOf = (error: unknown): BackupErrorCode => {
    if (error instanceof DavError || error instanceof SyncError || error instanceof FolderError) return error.code;
    if (error instanceof BackupError) return 'remoteUnreadable';
    return 'serverError';
  };

  async function toFolder(unlocked: boolean, check: boolean) {
    const settings = await folderSettings.getValue();
    if (!settings.on) return;
    const pending = await pendingBackups.getValue();
    const lastFile = await lastFolderFile.getValue();
    // A day since the last file (a confirmed "nothing changed" does not count): one more, whatever changed.
    const daily = now() - (lastFile?.at ?? 0) >= DAY_MS;
    // A check writes a file only once a day; a change, every time.
    if (check && pending.folder === undefined && !daily) return;
    // Locked: what is waiting, or the last file again once a day — never a copy at every retry.
    let text = pending.folder ?? (daily ? (lastFile?.text ?? null) : null);
    if (unlocked) {
      const contents = await otp.contents();
      const same = (await fingerprint(contents)) === (await lastFolderFingerprint.getValue());
      // Nothing changed since the last file (an unlock, "Back up now"): the last N files stay N versions.
      if (same && pending.folder === undefined && !daily) return;
      text = await writeSyncedBackup(contents, await otp.keyHeader(), await otp.vaultKey());
      await lastFolderFingerprint.setValue(await fingerprint(contents));
    }
    if (!text) return;
    await pendingBackups.setValue({ ...(await pendingBackups.getValue()), folder: text });
    await saveToFolder(text, now(), settings.keep);
    const { folder: _done, ...rest } = await pendingBackups.getValue();
    await pendingBackups.setValue({ ...rest });
    await lastFolderFile.setValue({ text, at: now() });
  }

  async function toDav(unlocked: boolean, check: boolean) {
    const settings = await davSettings.getValue();
    if (!settings) return;
    if (!(await browser.permissions.contains({ origins: [davOrigin(settings.url)] })))
      throw new DavError('noPermission');
    const pending = (await pendingBackups.getValue()).dav;
    // A check with nothing waiting: one conditional GET, and nothing more while the file is as it was.
    if (check && !pending && settings.etag && (await davRead(settings, settings.etag)).state === 'unchanged') return;
    if (!unlocked) {
      if (!pending) return;
      await davSettings.setValue(await deliverLocked(settings, pending));
    } else {
      let merged = false;
      const vault = {
        ...otp,
        applyMerge: (change: Parameters<typeof otp.applyMerge>[0]) => {
          merged = true;
          return otp.applyMerge(change);
        },
      };
      try {
        await davSettings.setValue(await syncUnlocked(vault, settings, { now }));
        if (merged) await afterMerge();
      } catch (error) {
        // Kept to be delivered while locked, over the version it was made against.
        if (!(error instanceof SyncError)) await keepPending(await pendingFor(otp, settings));
        throw error;
      }
    }
    const { dav: _done, ...rest } = await pendingBackups.getValue();
    await pendingBackups.setValue(rest);
  }
  const keepPending = async (dav: Awaited<ReturnType<typeof pendingFor>>) =>
    pendingBackups.setValue({ ...(await pendingBackups.getValue()), dav });

  /** One backup to every target; each target's outcome kept, the badge shown while one fails. */
  const run = ({ check = false } = {}) =>
    exclusive(async () => {
      clearTimeout(timer);
      // This run is the one the timer or the alarm was for (a failure sets the alarm again).
      await browser.alarms.clear(BACKUP_ALARM);
      const codes = await otp.state();
      if (codes === 'none') return;
      const unlocked = codes === 'unlocked';
      let failed = false;
      for (const [target, send] of [
        ['folder', toFolder],
        ['dav', toDav],
      ] as [TargetName, typeof toFolder][]) {
        try {
          await send(unlocked, check);
          if (target === 'folder' ? (await folderSettings.getValue()).on : await davSettings.getValue())
            await setStatus(target, { ok: true }, now());
        } catch (error) {
          failed = true;
          await setStatus(target, { code: codeOf(error) }, now());
        }
      }
      failures = failed ? failures + 1 : 0;
      if (failed)
        await browser.alarms.create(BACKUP_ALARM, {
          delayInMinutes: RETRY_MINUTES[Math.min(failures, RETRY_MINUTES.length) - 1]!,
        });
      await refreshBadge();
    });

  async function refreshBadge() {
    const status = await backupStatus.getValue();
    const dav = await davSettings.getValue();
    const folderOn = (await folderSettings.getValue()).on;
    await showBackupFailing(!!((folderOn && status.folder?.error) || (dav && status.dav?.error)));
  }

  /** What the pages show; a page opened while a target fails tries again at once (it heals as it is looked at). */
  async function state(): Promise<BackupState> {
    const [folder, dav, status] = [
      await folderSettings.getValue(),
      await davSettings.getValue(),
      await backupStatus.getValue(),
    ];
    return {
      folder: { on: folder.on, keep: folder.keep, status: status.folder ?? null },
      dav: dav && { url: dav.url, user: dav.user, shared: !!dav.shared, status: status.dav ?? null },
    };
  }

  return { run, soon, state, refreshBadge };
}
