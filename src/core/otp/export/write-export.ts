/**
 * The files an export writes (docs/otp-accounts.md §5), so nobody is locked in: Sidekey's own
 * encrypted backup, an Aegis vault under a password (for a phone), and a plain list of
 * `otpauth://` links (the one format every authenticator reads; unencrypted, said so before).
 * Written in the page from the accounts the background hands over after the passphrase.
 */
import { encryptBackup, type BackupAccount } from '../backup';
import { OtpInputError } from '../otp-error';
import { formatOtpauthUri } from '../otpauth-uri';
import { MIN_PASSPHRASE_LENGTH } from '../passphrase-key';
import { writeAegisVault } from './aegis-vault';

export const EXPORT_FORMATS = ['sidekey', 'aegis', 'otpauth'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Whether the format's file is encrypted under a password of its own. */
export const encryptedFormat = (format: ExportFormat) => format !== 'otpauth';

export async function writeExport(
  format: ExportFormat,
  accounts: readonly BackupAccount[],
  password: string,
  day: string,
): Promise<{ fileName: string; text: string; type: string }> {
  if (encryptedFormat(format) && [...password].length < MIN_PASSPHRASE_LENGTH)
    throw new OtpInputError('passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH });
  if (format === 'sidekey')
    return {
      fileName: `sidekey-codes-${day}.json`,
      text: await encryptBackup(accounts, password),
      type: 'application/json',
    };
  if (format === 'aegis')
    return {
      fileName: `aegis-export-sidekey-${day}.json`,
      text: await writeAegisVault(accounts, password),
      type: 'application/json',
    };
  return {
    fileName: `sidekey-otpauth-${day}.txt`,
    text: `${accounts.map(formatOtpauthUri).join('\n')}\n`,
    type: 'text/plain',
  };
}
