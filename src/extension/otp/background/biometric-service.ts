/**
 * Biometric unlock of the one-time codes (docs/otp-accounts.md §3): the vault key wrapped a second
 * time by the WebAuthn PRF output (Level 3 §10.1.4) of a platform credential on the extension's
 * origin (vault/biometric-wrap.ts, as the sign-in side does), so the computer's fingerprint, face or
 * device PIN opens the codes. The passphrase always works; the PRF output, 256 bits only the
 * authenticator can give after user verification, cannot be guessed offline as a passphrase can.
 */
import { fromBase64url } from '../../../core/encoding';
import { PassphraseError } from '../../../core/otp/otp-error';
import type { ContextHandlers } from '../../messaging';
import { unwrapWithBiometric, wrapForBiometric } from '../../vault/biometric-wrap';
import type { CodeAccounts } from '../code-accounts';
import { userErrors } from '../user-errors';

/** The HKDF salt of the codes' wrap: another key than any account's (their ids are random). */
const CODES = 'sidekey-otp-vault';

export function createOtpBiometricService({ otp }: { otp: CodeAccounts }) {
  return {
    otpBiometricOn: ({ credentialId, prfSalt, prfOutput }) =>
      userErrors(async () => {
        await otp.rewrap(async (raw, stored) => ({
          ...stored,
          biometric: await wrapForBiometric(raw, fromBase64url(prfOutput), CODES, credentialId, prfSalt),
        }));
        return {};
      }),
    otpBiometricOff: (_body) =>
      userErrors(async () => {
        await otp.rewrap(async (_raw, { biometric: _off, ...stored }) => stored);
        return {};
      }),
    otpBiometricUnlock: ({ prfOutput }) =>
      userErrors(async () => {
        await otp.unlockWith(async ({ biometric }) => {
          if (!biometric) throw new PassphraseError('biometricOff');
          // AES-GCM's tag: another credential's output, or a changed record, opens nothing.
          return unwrapWithBiometric(biometric, fromBase64url(prfOutput), CODES).catch(() => {
            throw new PassphraseError('biometricFailed');
          });
        });
        return {};
      }),
  } satisfies ContextHandlers;
}
