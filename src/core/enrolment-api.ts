/**
 * The enrolment API between the extension and the server, one schema per
 * message (zod), shared by both sides. Binary values travel as base64url.
 */
import * as z from 'zod/mini';
import { deferred } from './deferred';

const b64url = (min: number, max: number) =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9_-]*$/))
    .check(z.minLength(min))
    .check(z.maxLength(max));

/** An ECDSA P-256 public key as a JWK (RFC 7518 §6.2), nothing else. */
export const publicKeyJwk = deferred(() =>
  z.strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: b64url(43, 43),
    y: b64url(43, 43),
    ext: z.optional(z.boolean()),
    key_ops: z.optional(z.array(z.literal('verify')).check(z.maxLength(1))),
  }),
);

/** POST /api/enrolments/:id/complete */
export const completeEnrolmentRequest = deferred(() =>
  z.strictObject({
    token: b64url(43, 43),
    /** HMAC-SHA256(key = PIN, "sidekey-enrol-pin|" + enrolment id), base64url: proves the PIN without sending it. */
    pinProof: b64url(43, 43),
    publicKey: publicKeyJwk,
    /** What the extension runs in ("Chrome 156 on Linux"), for the device list. */
    browser: z.string().check(z.minLength(1)).check(z.maxLength(100)),
  }),
);

export const completeEnrolmentResponse = deferred(() =>
  z.strictObject({
    deviceId: b64url(22, 22),
    uid: z.string().check(z.maxLength(20)),
    email: z.string().check(z.maxLength(254)),
    deviceName: z.string().check(z.maxLength(50)),
    /** The OCRA key (RFC 6287), base64url; the extension keeps it only PIN-encrypted. */
    ocraKey: b64url(43, 43),
    ocraSuite: z.string().check(z.maxLength(64)),
  }),
);

/** POST /api/devices/:id/confirm and DELETE /api/devices/:id: signed by the device key. */
export const signedDeviceRequest = deferred(() =>
  z.strictObject({
    /** Milliseconds since the epoch; the server accepts ±5 minutes. */
    timestamp: z.int().check(z.positive()),
    /** 128 random bits, base64url: each is accepted once. */
    nonce: b64url(22, 22),
    /** ECDSA P-256 SHA-256, IEEE P1363 (r‖s), base64url, over deviceSignatureInput(). */
    signature: b64url(86, 86),
  }),
);

export type CompleteEnrolmentRequest = z.infer<typeof completeEnrolmentRequest>;
export type CompleteEnrolmentResponse = z.infer<typeof completeEnrolmentResponse>;
export type SignedDeviceRequest = z.infer<typeof signedDeviceRequest>;

/**
 * What a signed device request may do: confirm its enrolment, remove itself,
 * open the request channel, list its pending requests (docs/protocol.md §3, §6), or
 * register a security key or trusted platform for its account (§8).
 */
export type DeviceAction = 'confirm' | 'remove' | 'channel' | 'requests' | 'broker';

export const ENROL_PIN_CONTEXT = 'sidekey-enrol-pin|';

/** The exact bytes a device signs for an API action (newline-separated, no ambiguity). */
export function deviceSignatureInput(action: DeviceAction, deviceId: string, timestamp: number, nonce: string): string {
  return ['sidekey-device-v1', action, deviceId, String(timestamp), nonce].join('\n');
}

/** Errors of every JSON route (the API, the waiting pages' long polls, /health): one shape. */
export const apiError = deferred(() =>
  z.strictObject({
    error: z.string().check(z.maxLength(300)),
    code: z.optional(
      z.enum([
        'wrong-pin',
        'wrong-number',
        'expired',
        'used',
        'not-found',
        'invalid',
        'locked',
        'throttled',
        'internal',
      ]),
    ),
    attemptsLeft: z.optional(z.int().check(z.nonnegative())),
  }),
);
export type ApiError = z.infer<typeof apiError>;
