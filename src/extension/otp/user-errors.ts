/**
 * Which failures of the one-time codes reach the user: an OtpError (bad input, wrong passphrase,
 * locked) becomes a MessageError in their language with its code beside it; anything else is a
 * bug and stays generic (the router says "internal error", never its details).
 */
import { MessageError } from '../../core/messages';
import { OtpError } from '../../core/otp/otp-error';
import { otpErrorText } from '../i18n/otp-errors';

export async function userErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OtpError) throw new MessageError(otpErrorText(error), error.code);
    throw error;
  }
}
