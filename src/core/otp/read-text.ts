/**
 * Accounts from text people paste or files they pick: one `otpauth://` URI, Google
 * Authenticator's `otpauth-migration://` transfer code, or a list of either, one a line (what
 * other authenticators export as plain text). All or nothing: one bad line refuses the text and
 * says which line, so no half list is kept.
 */
import { parseMigrationUri } from './migration-uri';
import { MAX_OTP_ACCOUNTS } from './limits';
import { OtpInputError } from './otp-error';
import { parseOtpauthUri, type OtpParameters } from './otpauth-uri';

export function readAccountsText(text: string): OtpParameters[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new OtpInputError('noAccountInText');
  const accounts: OtpParameters[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      if (/^otpauth-migration:/i.test(line)) accounts.push(...parseMigrationUri(line));
      else accounts.push(parseOtpauthUri(line));
    } catch (error) {
      if (!(error instanceof OtpInputError) || lines.length === 1) throw error;
      throw new OtpInputError(error.code, error.values, index + 1);
    }
    if (accounts.length > MAX_OTP_ACCOUNTS) throw new OtpInputError('tooManyInImport', { max: MAX_OTP_ACCOUNTS });
  }
  return accounts;
}
