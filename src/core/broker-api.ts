/**
 * The extension brokering a WebAuthn credential for its account
 * (docs/protocol.md §8): creation options asked with the device key, the
 * browser's credential returned with it. One schema per message (zod).
 */
import * as z from 'zod/mini';
import { deferred } from './deferred';
import { signedDeviceRequest } from './enrolment-api';

export const CREDENTIAL_KINDS = ['platform', 'security-key'] as const;

/** The browser's credential as JSON (WebAuthn Level 3 §5.1, PublicKeyCredential.toJSON()), bounded. */
export const credentialJson = deferred(() =>
  z.record(z.string(), z.unknown()).check(
    z.refine((v) => JSON.stringify(v).length <= 16_384, {
      message: 'at most 16 KiB',
    }),
  ),
);

/** POST /api/devices/:id/webauthn/options */
export const brokerOptionsRequest = deferred(() =>
  z.strictObject({
    kind: z.enum(CREDENTIAL_KINDS),
    name: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(50)),
    ...signedDeviceRequest.shape,
  }),
);

export const brokerOptionsResponse = deferred(() =>
  z.strictObject({
    tx: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
    /** PublicKeyCredentialCreationOptionsJSON, for PublicKeyCredential.parseCreationOptionsFromJSON(). */
    options: z.record(z.string(), z.unknown()),
  }),
);

/** POST /api/devices/:id/webauthn/register */
export const brokerRegisterRequest = deferred(() =>
  z.strictObject({
    tx: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
    credential: credentialJson,
    ...signedDeviceRequest.shape,
  }),
);

export const brokerRegisterResponse = deferred(() => z.strictObject({ name: z.string().check(z.maxLength(50)) }));
