/**
 * The most one-time-code accounts Sidekey holds: one limit that every way in (typed, a QR code, a
 * list, a transfer code, a backup) meets before anything is added, and that every list, message
 * and backup can carry — so no way in can make a vault the popup cannot show or back up. Kept apart
 * from the readers so the message contract can name it without loading them.
 */
export const MAX_OTP_ACCOUNTS = 2000;

/** The idle times after which the codes lock, in minutes: the popup's choices, the message's values. */
export const OTP_IDLE_MINUTES = [1, 5, 15, 60] as const;
export type OtpIdleMinutes = (typeof OTP_IDLE_MINUTES)[number];
export const DEFAULT_OTP_IDLE_MINUTES: OtpIdleMinutes = 15;

/** A passphrase that would fall to an offline guesser in days is refused (docs/otp-accounts.md). */
export const MIN_PASSPHRASE_LENGTH = 10;

/** The largest file an import reads (a thousand accounts of any app's export fit many times over). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The largest backup file Sidekey writes or reads (thousands of accounts fit in far less). */
export const MAX_BACKUP_BYTES = 1024 * 1024;
