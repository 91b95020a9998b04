/**
 * "Security Key or Trusted Platform": WebAuthn Level 3 ceremonies through
 * @simplewebauthn/server. Challenges are single use (reading deletes), live
 * five minutes and are bound to the session (registration) or to the browser
 * that asked (sign-in); origins and the RP ID come from configuration; the
 * signature counter must move forward (§6.1.1); user presence is always
 * required and user verification for trusted platforms and passkeys.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeAttestationObject } from '@simplewebauthn/server/helpers';
import type { Deps } from './deps';
import type { User } from '../store/users';
import type { CredentialKind, StoredCredential } from '../store/webauthn';
import { newToken, safeEqual } from '../platform/tokens';

export const CEREMONY_TTL_MS = 5 * 60_000;
const RP_NAME = 'EU Login (Sidekey)';
/** ES256 and RS256: what security keys and TPMs (Windows Hello) sign with (COSE, RFC 9053). */
const ALGORITHMS = [-7, -257];

/**
 * Authenticator models by AAGUID, for the list in My Account (from the
 * community list github.com/passkeydeveloper/passkey-authenticator-aaguids).
 */
const MODELS: Record<string, string> = {
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'cb69481e-8ff7-4039-93ec-0a2729a154a8': 'YubiKey 5 Series',
  'ee882879-721c-4913-9775-3dfcce97072a': 'YubiKey 5 Series',
  'fa2b99dc-9e39-4257-8f92-4a30d23c4118': 'YubiKey 5 Series with NFC',
};

export function authenticatorModel(aaguid: string): string | null {
  return MODELS[aaguid] ?? null;
}

export async function startRegistration(
  deps: Deps,
  r: { user: User; binding: string; kind: CredentialKind; name: string; brokeredBy?: string },
) {
  const { config, store } = deps;
  const handle = await store.users.webauthnHandle(r.user.uid, newToken(32));
  const existing = await store.webauthnCredentials.listFor(r.user.uid);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: config.webauthn.rpId,
    userName: r.user.email,
    userID: new Uint8Array(Buffer.from(handle, 'base64url')),
    userDisplayName: `${r.user.firstName} ${r.user.lastName}`,
    // "Ask for it, verify it where present" (the issue): direct attestation.
    attestationType: 'direct',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection:
      r.kind === 'platform'
        ? { authenticatorAttachment: 'platform', residentKey: 'required', userVerification: 'required' }
        : { authenticatorAttachment: 'cross-platform', residentKey: 'preferred', userVerification: 'preferred' },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: CEREMONY_TTL_MS,
  });
  const id = newToken(16);
  await store.webauthnChallenges.create({
    id,
    purpose: 'register',
    uid: r.user.uid,
    binding: r.binding,
    challenge: options.challenge,
    data: { kind: r.kind, name: r.name, ...(r.brokeredBy && { brokeredBy: r.brokeredBy }) },
    ttlMs: CEREMONY_TTL_MS,
  });
  return { id, options };
}

export type RegistrationOutcome =
  | { ok: true; credential: StoredCredential }
  | { ok: false; reason: 'expired' | 'invalid' | 'attestation-required' | 'exists' }
  /** The ceremony ran on an origin this server does not accept (WEBAUTHN_EXTRA_ORIGINS): said, so it can be set. */
  | { ok: false; reason: 'origin-refused'; origin: string };

export async function finishRegistration(
  deps: Deps,
  r: { id: string; binding: string; uid: string; response: unknown; origins?: string[] },
): Promise<RegistrationOutcome> {
  const { config, store } = deps;
  const ceremony = await store.webauthnChallenges.take(r.id, ['register'], r.binding);
  if (!ceremony || ceremony.uid !== r.uid) return { ok: false, reason: 'expired' };
  const kind = ceremony.data.kind as CredentialKind;
  const origin = clientDataOrigin(r.response);
  const accepted = r.origins ?? config.webauthn.origins;
  if (origin !== null && !accepted.includes(origin)) return { ok: false, reason: 'origin-refused', origin };
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: r.response as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: r.origins ?? config.webauthn.origins,
      expectedRPID: config.webauthn.rpId,
      requireUserPresence: true,
      requireUserVerification: kind === 'platform',
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!verified.verified) return { ok: false, reason: 'invalid' };
  const info = verified.registrationInfo;
  const attestation = attestationOf(info.fmt, info.attestationObject);
  if (config.webauthn.attestation === 'required' && attestation !== 'verified')
    return { ok: false, reason: 'attestation-required' };
  if (await store.webauthnCredentials.byId(info.credential.id)) return { ok: false, reason: 'exists' };
  const credential: Omit<StoredCredential, 'createdAt' | 'lastUsedAt'> = {
    id: info.credential.id,
    uid: r.uid,
    name: ceremony.data.name ?? 'Security key',
    kind,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports: (info.credential.transports ?? []).filter((t) => /^[a-z-]{1,20}$/.test(t)).slice(0, 8),
    aaguid: info.aaguid,
    attestationFormat: info.fmt,
    attestation,
    backedUp: info.credentialBackedUp,
    brokeredBy: ceremony.data.brokeredBy ?? null,
  };
  await store.webauthnCredentials.create(credential);
  return { ok: true, credential: { ...credential, createdAt: deps.now(), lastUsedAt: null } };
}

/** none: no statement; self: signed by the credential itself (packed without x5c); verified: a statement with a certificate. */
function attestationOf(fmt: string, attestationObject: Uint8Array<ArrayBuffer>): StoredCredential['attestation'] {
  if (fmt === 'none') return 'none';
  const statement = decodeAttestationObject(attestationObject).get('attStmt');
  return statement.get('x5c') ? 'verified' : 'self';
}

/** After the password (uid known) or passwordless (a passkey: no uid yet, user verification required). */
export async function startAuthentication(
  deps: Deps,
  r: { purpose: 'second-factor' | 'passkey'; uid?: string; binding: string },
) {
  const { config, store } = deps;
  const credentials = r.uid ? await store.webauthnCredentials.listFor(r.uid) : [];
  const options = await generateAuthenticationOptions({
    rpID: config.webauthn.rpId,
    allowCredentials: credentials.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: r.purpose === 'passkey' ? 'required' : 'preferred',
    timeout: CEREMONY_TTL_MS,
  });
  const id = newToken(16);
  await store.webauthnChallenges.create({
    id,
    purpose: r.purpose,
    uid: r.uid ?? null,
    binding: r.binding,
    challenge: options.challenge,
    data: {},
    ttlMs: CEREMONY_TTL_MS,
  });
  return { id, options, credentials: credentials.length };
}

export type AuthenticationOutcome =
  | { ok: true; uid: string; credential: StoredCredential; passwordless: boolean }
  | { ok: false; reason: 'expired' | 'invalid' | 'unknown-credential' | 'other-user' | 'cloned'; uid?: string };

export async function finishAuthentication(
  deps: Deps,
  r: { id: string; binding: string; response: unknown },
): Promise<AuthenticationOutcome> {
  const { config, store } = deps;
  const ceremony = await store.webauthnChallenges.take(r.id, ['second-factor', 'passkey'], r.binding);
  if (!ceremony) return { ok: false, reason: 'expired' };
  const response = r.response as AuthenticationResponseJSON;
  const credential = typeof response?.id === 'string' ? await store.webauthnCredentials.byId(response.id) : undefined;
  if (!credential) return { ok: false, reason: 'unknown-credential' };
  // Two-factor use: the credential must be the one of the user who gave the password.
  if (ceremony.uid !== null && credential.uid !== ceremony.uid)
    return { ok: false, reason: 'other-user', uid: ceremony.uid };
  if (ceremony.purpose === 'passkey') {
    // A discoverable credential names its user: the handle must be that user's (§7.2 step 6).
    const handle = await store.users.webauthnHandle(credential.uid, newToken(32));
    const given = response.response?.userHandle;
    if (typeof given !== 'string' || !safeEqual(given, handle)) return { ok: false, reason: 'invalid' };
  }
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: config.webauthn.origins,
      expectedRPID: config.webauthn.rpId,
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
        counter: credential.counter,
        transports: credential.transports as never,
      },
      requireUserVerification: ceremony.purpose === 'passkey' || credential.kind === 'platform',
    });
  } catch (error) {
    // The library refuses a counter that did not move forward: a sign of a cloned authenticator.
    if (error instanceof Error && /counter/i.test(error.message))
      return { ok: false, reason: 'cloned', uid: credential.uid };
    return { ok: false, reason: 'invalid', uid: credential.uid };
  }
  if (!verified.verified) return { ok: false, reason: 'invalid', uid: credential.uid };
  if (!(await store.webauthnCredentials.used(credential.id, verified.authenticationInfo.newCounter)))
    return { ok: false, reason: 'cloned', uid: credential.uid };
  return { ok: true, uid: credential.uid, credential, passwordless: ceremony.purpose === 'passkey' };
}

/** The origin the client data names (WebAuthn §5.8.1), or null when it cannot be read; verified again by the library. */
function clientDataOrigin(response: unknown): string | null {
  try {
    const encoded = (response as { response?: { clientDataJSON?: unknown } })?.response?.clientDataJSON;
    if (typeof encoded !== 'string' || encoded.length > 4096) return null;
    const origin = (JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { origin?: unknown }).origin;
    return typeof origin === 'string' && /^[a-z-]+:\/\/[\w.:-]{1,255}$/i.test(origin) ? origin : null;
  } catch {
    return null;
  }
}
