/**
 * The folder target (docs/otp-accounts.md §6): each backup a dated file in the browser's downloads
 * folder, under `Sidekey/`, never asking where (`saveAs: false`; a browser set to ask for every
 * download still asks — the codes page says so), and only the last `keep` files kept: older ones
 * this extension wrote are deleted from the disk and from the downloads list. A file the user moved
 * or deleted is simply no longer counted.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BackupErrorCode } from '../../../core/otp/backup-status';
import { folderFiles, FOLDER_NAME } from './backup-state';

/** How long a download of a few hundred kilobytes may take before it counts as failed. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

export class FolderError extends Error {
  constructor(readonly code: BackupErrorCode) {
    super(code);
  }
}

/** `sidekey-codes-2026-12-06T19-30-05Z.json`: sorts by time, valid on every file system. */
export const datedName = (at: number) =>
  `sidekey-codes-${new Date(at).toISOString().slice(0, 19).replaceAll(':', '-')}Z.json`;

/**
 * A URL the downloads API takes from this context: Chrome's service worker has no object URLs, so
 * a data: URL; Firefox refuses data: URLs there but its background page makes blob: URLs.
 */
function fileUrl(text: string): { url: string; release: () => void } {
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    return { url, release: () => URL.revokeObjectURL(url) };
  }
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { url: `data:application/json;base64,${btoa(binary)}`, release: () => undefined };
}

/** Resolves when the download is on disk; a FolderError when the browser gives up on it. */
function finished(id: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: string) => {
      clearTimeout(timer);
      browser.downloads.onChanged.removeListener(listen);
      if (error === undefined) resolve();
      else reject(new FolderError(/NO_SPACE|TOO_LARGE/.test(error) ? 'diskFull' : 'downloadFailed'));
    };
    const listen = (delta: Browser.downloads.DownloadDelta) => {
      if (delta.id !== id) return;
      if (delta.state?.current === 'complete') done();
      else if (delta.state?.current === 'interrupted') done(delta.error?.current ?? 'FAILED');
    };
    const timer = setTimeout(() => done('TIMEOUT'), DOWNLOAD_TIMEOUT_MS);
    browser.downloads.onChanged.addListener(listen);
    // It may have finished before the listener was there.
    void browser.downloads.search({ id }).then(([item]) => {
      if (item?.state === 'complete') done();
      else if (item?.state === 'interrupted') done(item.error ?? 'FAILED');
    });
  });
}

/** Writes one dated backup file, then deletes this extension's files past the newest `keep`. */
export async function saveToFolder(text: string, at: number, keep: number): Promise<string> {
  const name = `${FOLDER_NAME}/${datedName(at)}`;
  const { url, release } = fileUrl(text);
  let id: number;
  try {
    id = await browser.downloads.download({ url, filename: name, saveAs: false, conflictAction: 'uniquify' });
    await finished(id);
  } catch (error) {
    throw error instanceof FolderError ? error : new FolderError('downloadFailed');
  } finally {
    release();
  }
  const files = [...(await folderFiles.getValue()), { id, name, at }];
  const old = files.slice(0, Math.max(0, files.length - keep));
  for (const file of old) {
    // Gone already (moved, deleted by the user): nothing to do but forget it.
    await browser.downloads.removeFile(file.id).catch(() => undefined);
    await browser.downloads.erase({ id: file.id }).catch(() => undefined);
  }
  await folderFiles.setValue(files.slice(old.length));
  return name;
}
