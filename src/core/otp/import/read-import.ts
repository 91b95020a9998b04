/**
 * One file chooser for every app: the format is recognised from what the file holds, never chosen
 * (docs/otp-accounts.md §5). Text or bytes up to 1 MiB; an encrypted export asks for its password
 * (`importNeedsPassword`) before anything is listed, and a wrong one says so.
 */
import { decryptBackup, withinRules } from '../backup';
import { OtpInputError } from '../otp-error';
import { isAegis, readAegis } from './aegis';
import { record } from './account-fields';
import { isAuthenticatorExtension, readAuthenticatorExtension } from './authenticator-extension';
import { isAndOtp, mayBeAndOtpEncrypted, readAndOtp, readAndOtpEncrypted } from './andotp';
import { isFreeOtpPlus, readFreeOtpPlus } from './freeotp-plus';
import { MAX_IMPORT_BYTES } from '../limits';
import { entryName, fileError, type ImportEntry, type ImportReading } from './import-entry';
import { isTwoFas, readTwoFas } from './two-fas';
import {
  isBitwarden,
  isBitwardenCsv,
  isProton,
  readBitwarden,
  readBitwardenCsv,
  readProton,
  readUriLines,
} from './uri-entries';

export type { ImportEntry, ImportReading, ImportedAccount } from './import-entry';

const BACKUP_FORMAT = 'sidekey-otp-backup';

/** The entries of an export; an OtpInputError when the file cannot be read or holds no account. */
export async function readImport(bytes: Uint8Array, password: string | null): Promise<ImportReading> {
  const reading = await readFile(bytes, password);
  if (reading.entries.length === 0) throw fileError('importNoAccount', reading.app);
  return { app: reading.app, entries: reading.entries.map(kept) };
}

/**
 * An entry as Sidekey would keep it: an account without a name takes its issuer's (Aegis and
 * 2FAS allow either alone), and each is held to the rules every account meets (backup.ts).
 */
function kept(entry: ImportEntry): ImportEntry {
  if (!entry.ok) return entry;
  const { secret, ...rest } = entry.account;
  const account = withinRules({ ...rest, label: rest.label || rest.issuer }, secret);
  if (account) return { ok: true, account };
  return { ok: false, name: entryName(rest.issuer, rest.label), code: 'entryMalformed', values: {} };
}

async function readFile(bytes: Uint8Array, password: string | null): Promise<ImportReading> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new OtpInputError('importTooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Not text: the only binary export read is andOTP's encrypted one.
    if (mayBeAndOtpEncrypted(bytes)) return readAndOtpEncrypted(bytes, password);
    throw new OtpInputError('importUnknownFormat');
  }
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') {
    if (isBitwardenCsv(text)) return readBitwardenCsv(text);
    // A list of links, one a line; comment lines (`#`) allowed, as some apps write a header.
    if (/^\s*(otpauth|otpauth-migration|steam):/im.test(text)) return readUriLines(text);
    throw new OtpInputError('importUnknownFormat');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OtpInputError('importUnknownFormat');
  }
  if (isAndOtp(json)) return readAndOtp(json);
  const file = record(json);
  if (!file) throw new OtpInputError('importUnknownFormat');
  if (file.format === BACKUP_FORMAT) {
    if (password === null) throw fileError('importNeedsPassword', 'Sidekey');
    const accounts = await decryptBackup(text, password);
    return {
      app: 'Sidekey',
      entries: accounts.map(({ addedAt: _addedAt, ...account }) => ({ ok: true, account })),
    };
  }
  if (isAegis(file)) return readAegis(file, password);
  if (isTwoFas(file)) return readTwoFas(file, password);
  if (isBitwarden(file)) return readBitwarden(file);
  if (isFreeOtpPlus(file)) return readFreeOtpPlus(file);
  if (isProton(file)) return readProton(file);
  // Last: its shape (an object of entries keyed by hash) is the loosest.
  if (isAuthenticatorExtension(file)) return readAuthenticatorExtension(file, password);
  throw new OtpInputError('importUnknownFormat');
}
