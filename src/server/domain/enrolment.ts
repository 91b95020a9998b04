/**
 * Initialising the extension as a second device (the guide's "Step 2").
 *
 * 1. The signed-in user submits a device name and a 4-digit PIN; the server
 *    keeps a hash of the PIN proof and shows a QR (src/core/enrolment-qr.ts).
 * 2. The extension reads the QR from the tab, asks the PIN, and sends the PIN
 *    proof with its new public key. On success the server creates the device
 *    as *pending* and returns the OCRA key, which the extension stores only
 *    PIN-encrypted.
 * 3. The extension confirms with a signature by its device key; only then is
 *    the device active and the page told. A device that never confirms stays
 *    pending and disappears with its enrolment: no half-enrolled device.
 */
import crypto from 'node:crypto';
import { pinProof } from '../../core/device-crypto';
import {
  type CompleteEnrolmentRequest,
  type CompleteEnrolmentResponse,
  type SignedDeviceRequest,
} from '../../core/enrolment-api';
import { formatEnrolmentQr } from '../../core/enrolment-qr';
import type { Deps } from './deps';
import type { Enrolment } from '../store/enrolments';
import { nextEvent } from '../store/events';
import { checkSignedRequest } from './device-signature';
import { hashToken, newToken, safeEqual } from '../platform/tokens';

export const ENROLMENT_TTL_MS = 5 * 60_000;
export const ENROLMENT_PIN_TRIES = 3;
/** RFC 6287 suite the device's key is for (the QR sign-in issue computes it): HMAC-SHA256, 8 digits, 64-hex-digit challenge. */
export const OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QH64';

export async function startEnrolment(deps: Deps, uid: string, deviceName: string, pin: string) {
  const id = newToken(16);
  const token = newToken();
  await deps.store.devices.removePending(uid);
  await deps.store.enrolments.create({
    id,
    uid,
    token,
    pinProof: await pinProof(pin, id),
    deviceName,
    ttlMs: ENROLMENT_TTL_MS,
  });
  return { id, qr: formatEnrolmentQr({ origin: deps.config.publicUrl, id, token }) };
}

export type CompleteOutcome =
  | { ok: true; response: CompleteEnrolmentResponse }
  | {
      ok: false;
      status: number;
      code: 'wrong-pin' | 'expired' | 'used' | 'not-found' | 'invalid' | 'locked';
      attemptsLeft?: number;
    };

export async function completeEnrolment(
  deps: Deps,
  id: string,
  request: CompleteEnrolmentRequest,
): Promise<CompleteOutcome> {
  const { store, now } = deps;
  const enrolment = await store.enrolments.byId(id);
  if (!enrolment || !safeEqual(enrolment.tokenHash, hashToken(request.token)))
    return { ok: false, status: 404, code: 'not-found' };
  if (enrolment.status === 'cancelled') return { ok: false, status: 410, code: 'locked' };
  if (enrolment.status !== 'waiting') return { ok: false, status: 409, code: 'used' };
  if (enrolment.expiresAt <= now()) return { ok: false, status: 410, code: 'expired' };
  if (!enrolment.pinProofHash || !safeEqual(enrolment.pinProofHash, hashToken(request.pinProof))) {
    const failures = await store.enrolments.failPin(id, ENROLMENT_PIN_TRIES);
    // The waiting page learns of a cancelled enrolment at once.
    await store.events.publish({ kind: 'enrolment-changed', enrolmentId: id });
    const attemptsLeft = Math.max(0, ENROLMENT_PIN_TRIES - failures);
    return attemptsLeft === 0
      ? { ok: false, status: 410, code: 'locked' }
      : { ok: false, status: 401, code: 'wrong-pin', attemptsLeft };
  }
  const user = await store.users.byUid(enrolment.uid);
  if (!user) return { ok: false, status: 404, code: 'not-found' };
  const deviceId = newToken(16);
  const ocraKey = crypto.randomBytes(32);
  const sealed = deps.secrets.seal(ocraKey, deviceId);
  const sent = await store.transaction(async (s) => {
    if (!(await s.enrolments.markSent(id, deviceId))) return false;
    await s.devices.create({
      id: deviceId,
      uid: user.uid,
      name: enrolment.deviceName,
      status: 'pending',
      publicKeyJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: request.publicKey.x, y: request.publicKey.y }),
      ocraKeyEnc: sealed,
      ocraSuite: OCRA_SUITE,
      browser: request.browser,
      createdAt: now(),
    });
    return true;
  });
  if (!sent) return { ok: false, status: 409, code: 'used' };
  return {
    ok: true,
    response: {
      deviceId,
      uid: user.uid,
      email: user.email,
      deviceName: enrolment.deviceName,
      ocraKey: ocraKey.toString('base64url'),
      ocraSuite: OCRA_SUITE,
    },
  };
}

/** What the waiting page shows of an enrolment. */
export type EnrolmentStatus = 'waiting' | 'done' | 'cancelled' | 'expired';

export function enrolmentStatus(enrolment: Enrolment, now: number): EnrolmentStatus {
  if (enrolment.status === 'done' || enrolment.status === 'cancelled') return enrolment.status;
  return enrolment.expiresAt <= now ? 'expired' : 'waiting';
}

/** Resolves as soon as the enrolment is confirmed or cancelled (on this instance or another), or after `ms`. */
export function waitForEnrolment(deps: Deps, id: string, ms: number, signal?: AbortSignal): Promise<void> {
  return nextEvent(
    deps.store.events,
    (event) => event.kind === 'enrolment-changed' && event.enrolmentId === id,
    ms,
    signal,
  );
}

export type ConfirmOutcome = 'ok' | 'not-found' | 'bad-signature' | 'stale' | 'replayed' | 'expired';

export async function confirmDevice(
  deps: Deps,
  deviceId: string,
  request: SignedDeviceRequest,
  context: { ip: string; userAgent: string },
): Promise<ConfirmOutcome> {
  const { store, now } = deps;
  const device = await store.devices.byId(deviceId);
  if (!device || device.status !== 'pending') return 'not-found';
  const check = await checkSignedRequest(store, now, 'confirm', device, request);
  if (check !== 'ok') return check;
  const enrolment = await store.enrolments.byDevice(deviceId);
  if (!enrolment) return 'not-found';
  const done = await store.transaction(
    async (s) => (await s.enrolments.markDone(enrolment.id)) && s.devices.activate(deviceId),
  );
  if (!done) return 'expired';
  await store.events.publish({ kind: 'enrolment-changed', enrolmentId: enrolment.id });
  await store.activity.record(device.uid, 'device-added', context, `${device.name} (${device.browser})`);
  return 'ok';
}

export async function removeDeviceSigned(
  deps: Deps,
  deviceId: string,
  request: SignedDeviceRequest,
  context: { ip: string; userAgent: string },
) {
  const device = await deps.store.devices.byId(deviceId);
  if (!device) return 'not-found';
  const check = await checkSignedRequest(deps.store, deps.now, 'remove', device, request);
  if (check !== 'ok') return check;
  await deps.store.devices.remove(device.uid, device.id);
  await deps.store.events.publish({ kind: 'device-removed', deviceId: device.id });
  await deps.store.activity.record(device.uid, 'device-removed', context, `${device.name}, from the device itself`);
  return 'ok';
}
