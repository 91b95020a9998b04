/**
 * The automatic backup's words shared by the background and its pages (messages.ts): why a target
 * failed, as codes each page says in the user's language, and the folder's choices.
 */
export const DAV_ERROR_CODES = [
  'badUrl',
  'insecure',
  'unreachable',
  'timeout',
  'wrongPassword',
  'forbidden',
  'folderMissing',
  'notDav',
  'redirected',
  'tooLarge',
  'full',
  'serverError',
] as const;
export type DavErrorCode = (typeof DAV_ERROR_CODES)[number];

export const BACKUP_ERROR_CODES = [
  ...DAV_ERROR_CODES,
  /** The server's host permission is not granted. */
  'noPermission',
  'downloadFailed',
  'diskFull',
  /** The folder's file does not open with the key this browser knows (made anew elsewhere, damaged). */
  'remoteUnreadable',
  /** Another browser wrote since: merged at the next unlock, never overwritten. */
  'unlockToMerge',
  /** Others kept writing while this browser tried. */
  'busy',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

/** How many dated files the folder keeps. */
export const FOLDER_KEEP_CHOICES = [3, 10, 30] as const;
export const DEFAULT_FOLDER_KEEP = 10;
