/**
 * Push requests between the server and the extension (docs/protocol.md §6):
 * the request channel's frames (WebSocket), the request a device is shown,
 * and the signed answer. One schema per message (zod), shared by both sides.
 */
import * as z from 'zod/mini';
import { deferred } from './deferred';
import { signedDeviceRequest } from './enrolment-api';

const b64url = (length: number) =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9_-]*$/))
    .check(z.length(length));

/** The channel refuses larger frames (RFC 6455 §10.4: a limit on frame size). */
export const CHANNEL_MAX_FRAME_BYTES = 4096;
/** The device sends a ping this often: traffic keeps an MV3 service worker alive (Chrome 116+) and proves the link. */
export const CHANNEL_PING_MS = 20_000;
/** A socket that has not authenticated within this time is closed. */
export const CHANNEL_AUTH_MS = 10_000;

/** Close codes in the private range (RFC 6455 §7.4.2) that tell the device what to do. */
export const CLOSE = {
  /** Bad or missing authentication, or a frame that is not the protocol: reconnecting will not help. */
  refused: 4401,
  /** The device was removed from its account: forget the account. */
  removed: 4404,
} as const;

/**
 * What a request asks: a sign-in, or the approval of adding something to the account (a step-up,
 * §6): a mobile device, or a security key or trusted platform (one page offers both).
 */
export const PURPOSES = ['sign-in', 'add-device', 'add-authenticator'] as const;
export type PushPurpose = (typeof PURPOSES)[number];
/** The purposes that approve a change to the account rather than a sign-in. */
export const isStepUp = (purpose: PushPurpose) => purpose !== 'sign-in';

/** A request as the device shows it: what is asked, by whom, and the numbers to choose from. */
export const pushRequestView = deferred(() =>
  z.strictObject({
    id: b64url(22),
    purpose: z.enum(PURPOSES),
    /** The relying party's name ("Europass"), or null for EU Login itself. */
    service: z.nullable(z.string().check(z.maxLength(100))),
    browser: z.string().check(z.maxLength(60)),
    os: z.string().check(z.maxLength(60)),
    ip: z.string().check(z.maxLength(64)),
    createdAt: z.int().check(z.nonnegative()),
    expiresAt: z.int().check(z.nonnegative()),
    /** Number matching: one of these is the number on the sign-in page. */
    choices: z.array(z.int().check(z.gte(10)).check(z.lte(99))).check(z.length(3)),
    /** The OCRA question (RFC 6287), 64 hex digits, single use. */
    challenge: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  }),
);
export type PushRequestView = z.infer<typeof pushRequestView>;

/** Device → server frames. The first must be `auth`, signed for the action `channel`. */
export const channelClientFrame = deferred(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('auth'), deviceId: b64url(22), ...signedDeviceRequest.shape }),
    z.strictObject({ type: z.literal('ping') }),
  ]),
);
export type ChannelClientFrame = z.infer<typeof channelClientFrame>;

/** Server → device frames. `requests` always carries the whole pending list (idempotent, no ordering issues). */
export const channelServerFrame = deferred(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('requests'), requests: z.array(pushRequestView).check(z.maxLength(20)) }),
    z.strictObject({ type: z.literal('pong') }),
  ]),
);
export type ChannelServerFrame = z.infer<typeof channelServerFrame>;

/** POST /api/devices/:id/requests answers this (the poll when the popup opens). */
export const pushRequestList = deferred(() =>
  z.strictObject({ requests: z.array(pushRequestView).check(z.maxLength(20)) }),
);

export const DECISIONS = ['approve', 'deny', 'report'] as const;
export type PushDecision = (typeof DECISIONS)[number];

/** POST /api/push/:id/answer */
export const pushAnswer = deferred(() =>
  z
    .strictObject({
      deviceId: b64url(22),
      decision: z.enum(DECISIONS),
      /** The number the user chose (approve only). */
      number: z.nullable(z.int().check(z.gte(10)).check(z.lte(99))),
      /** OCRA-1:HOTP-SHA256-8:QH64 over the request's challenge with the PIN-protected key (approve only). */
      otp: z.nullable(z.string().check(z.regex(/^[0-9]{8}$/))),
      ...signedDeviceRequest.shape,
    })
    .check(
      z.refine(
        (a) => (a.decision === 'approve' ? a.number !== null && a.otp !== null : a.number === null && a.otp === null),
        {
          message: 'An approval carries the number and the code; a refusal carries neither.',
        },
      ),
    ),
);
export type PushAnswer = z.infer<typeof pushAnswer>;

export const pushAnswerResult = deferred(() => z.strictObject({ status: z.enum(['approved', 'denied', 'reported']) }));

/**
 * The exact text the device key signs for an answer: the request, its
 * challenge, the decision and the chosen number (docs/security-model.md: "a signature by
 * the device key over the transaction"), plus a timestamp and a nonce so no
 * answer can be replayed.
 */
export function pushSignatureInput(a: {
  id: string;
  deviceId: string;
  challenge: string;
  decision: PushDecision;
  number: number | null;
  timestamp: number;
  nonce: string;
}): string {
  return [
    'sidekey-push-v1',
    a.id,
    a.deviceId,
    a.challenge,
    a.decision,
    a.number === null ? '-' : String(a.number),
    String(a.timestamp),
    a.nonce,
  ].join('\n');
}
