/**
 * What reading another app's export gives: one result per entry, so one entry Sidekey cannot take
 * (a Yandex code, a bad secret, a field of the wrong type) is marked with its reason and never sinks
 * the rest. The file itself either reads or is refused whole (wrong password, damaged, unknown).
 */
import { MAX_OTP_ACCOUNTS } from '../limits';
import { OtpError, OtpInputError, type OtpErrorCode, type OtpErrorValues } from '../otp-error';
import { withoutBidiControls, type OtpParameters } from '../otpauth-uri';

/** The apps whose exports Sidekey reads (docs/otp-accounts.md §5). */
export const IMPORT_APPS = [
  'Sidekey',
  'Aegis',
  '2FAS',
  'andOTP',
  'Bitwarden',
  'FreeOTP+',
  'Proton Authenticator',
  'Authenticator',
  'otpauth',
] as const;
export type ImportApp = (typeof IMPORT_APPS)[number];

/** An account read from a file, with what the user made of it there. */
export interface ImportedAccount extends OtpParameters {
  /** The registrable domain the app tied it to ('' for none). */
  site: string;
  pinned: boolean;
  /** The app's group, folder or first tag ('' for none). */
  group?: string;
}

export type ImportEntry =
  { ok: true; account: ImportedAccount } | { ok: false; name: string; code: OtpErrorCode; values: OtpErrorValues };

export interface ImportReading {
  app: ImportApp;
  entries: ImportEntry[];
}

/** At most this many entries a file: as many as Sidekey holds (limits.ts); more is no real user's export. */
export const MAX_IMPORT_ENTRIES = MAX_OTP_ACCOUNTS;

const MAX_NAME = 80;

/** A name to show for an entry, from whatever the file holds: text only, no controls, bounded. */
export function entryName(...parts: unknown[]): string {
  const text = parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .join(' — ')
    .replace(/\p{Cc}/gu, ' ');
  return withoutBidiControls(text).trim().slice(0, MAX_NAME);
}

/**
 * One entry: `read` gives the account or throws; an OtpInputError becomes this entry's mark with
 * its code, anything else (a wrong type the schema let through) the generic one.
 */
export function readEntry(name: string, read: () => ImportedAccount | OtpError): ImportEntry {
  try {
    const result = read();
    if (result instanceof OtpError) return { ok: false, name, code: result.code, values: result.values };
    return { ok: true, account: result };
  } catch (error) {
    if (error instanceof OtpInputError) return { ok: false, name, code: error.code, values: error.values };
    return { ok: false, name, code: 'entryMalformed', values: {} };
  }
}

/** The file-level refusals, each naming the app the file is from. */
export const fileError = (code: OtpErrorCode, app: ImportApp) => new OtpInputError(code, { app });

/** Entries of a list, refused whole when there are more than any user holds. */
export function boundedList(list: unknown, app: ImportApp): unknown[] {
  if (!Array.isArray(list)) throw fileError('importDamaged', app);
  if (list.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  return list;
}
