/**
 * The popup's side of biometric unlock: a platform credential on the
 * extension's own origin (its RP ID is the extension's id, the default for an
 * extension page) with the WebAuthn PRF extension (Level 3 §10.1.4), whose
 * output unwraps the account's key in the background. Where the browser does
 * not offer PRF, the option is not shown.
 */
import { base64url, fromBase64url } from '../../core/encoding';
import { t } from '../i18n/t';

/**
 * True where the browser says it has a user-verifying platform authenticator and supports PRF
 * (getClientCapabilities, Level 3 §5.1.7; isUserVerifyingPlatformAuthenticatorAvailable, §5.1.6).
 */
export async function biometricUnlockAvailable(): Promise<boolean> {
  if (typeof PublicKeyCredential === 'undefined') return false;
  const ask = (PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> })
    .getClientCapabilities;
  const capabilities: Record<string, boolean> = (await ask?.call(PublicKeyCredential).catch(() => ({}))) ?? {};
  if (capabilities['extension:prf'] !== true) return false;
  return PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false);
}

const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** Creates the unlock credential; null when the authenticator cannot do PRF. */
export async function createUnlockCredential(email: string): Promise<string | null> {
  const credential = (await navigator.credentials.create({
    publicKey: {
      rp: { name: 'Sidekey' },
      user: { id: random(32), name: email, displayName: `Sidekey unlock for ${email}` },
      challenge: random(32),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: {
        authenticatorAttachment: 'platform',
        userVerification: 'required',
        residentKey: 'discouraged',
      },
      extensions: { prf: {} } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  const results = credential?.getClientExtensionResults() as { prf?: { enabled?: boolean } } | undefined;
  return credential && results?.prf?.enabled ? base64url(new Uint8Array(credential.rawId)) : null;
}

/** The PRF output for `prfSalt` (both base64url), after the user's fingerprint, face or device PIN. */
export async function evaluatePrf(credentialId: string, prfSalt: string): Promise<string> {
  const assertion = (await navigator.credentials.get({
    publicKey: {
      challenge: random(32),
      allowCredentials: [{ type: 'public-key', id: fromBase64url(credentialId) }],
      userVerification: 'required',
      extensions: { prf: { eval: { first: fromBase64url(prfSalt) } } } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  const results = assertion?.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } } | undefined;
  const first = results?.prf?.results?.first;
  if (!first) throw new Error(t('biometricNoSecret'));
  return base64url(new Uint8Array(first));
}

export const newPrfSalt = () => base64url(random(32));
