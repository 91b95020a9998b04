/**
 * The "EU Login Mobile App QR Code" method: after the password, a fresh
 * challenge in a QR code; the device answers with an OCRA one-time password
 * (RFC 6287, suite OCRA-1:HOTP-SHA256-8:QH64) computed with its PIN-protected
 * key. The PIN is checked here and only here: a wrong PIN gives a wrong code.
 * Wrong codes count against the device (locked after 5 in a row, as EU Login
 * does after a forgotten PIN) and end the sign-in after 3.
 */
import crypto from 'node:crypto';
import { formatLoginQr } from '../../core/login-qr';
import { ocra } from '../../core/ocra';
import type { Deps } from './deps';
import { hashToken, newToken, safeEqual } from '../platform/tokens';

export const LOGIN_CHALLENGE_TTL_MS = 2 * 60_000;
export const CODE_TRIES_PER_SIGN_IN = 3;
export const DEVICE_LOCK_AFTER = 5;
const OTP = /^[0-9]{8}$/;

export async function startQrSignIn(deps: Deps, uid: string, service?: string) {
  const id = newToken(16);
  const browserToken = newToken();
  const challenge = crypto.randomBytes(32).toString('hex');
  await deps.store.loginChallenges.create({ id, uid, browserToken, challenge, service, ttlMs: LOGIN_CHALLENGE_TTL_MS });
  return { id, browserToken, payload: formatLoginQr({ origin: deps.config.publicUrl, uid, tx: id, challenge }) };
}

export type QrCheck =
  | { ok: true; uid: string; service: string | null; deviceName: string }
  | { ok: false; reason: 'expired' | 'wrong-code' | 'ended' | 'locked'; attemptsLeft?: number };

export async function checkQrCode(
  deps: Deps,
  id: string,
  browserToken: string,
  otp: string,
  context: { ip: string; userAgent: string },
): Promise<QrCheck> {
  const { store, ocraKeys } = deps;
  const login = await store.loginChallenges.byId(id);
  if (!login || !safeEqual(login.browserHash, hashToken(browserToken))) {
    return { ok: false, reason: 'expired' };
  }
  const devices = await store.devices.activeFor(login.uid);
  if (devices.length === 0) return { ok: false, reason: 'locked' };
  const code = otp.replace(/\s/g, '');
  for (const device of devices) {
    const key = await ocraKeys.forDevice(device);
    const expected = await ocra(device.ocraSuite, key, { question: login.challenge });
    if (OTP.test(code) && safeEqual(expected, code)) {
      // A code is accepted once: whoever deletes the challenge first wins.
      if (!(await store.loginChallenges.consume(id))) return { ok: false, reason: 'expired' };
      await store.devices.pinSucceeded(device.id);
      return { ok: true, uid: login.uid, service: login.service, deviceName: device.name };
    }
  }
  let locked = false;
  for (const device of devices) {
    if ((await store.devices.failPin(device.id, DEVICE_LOCK_AFTER)) >= DEVICE_LOCK_AFTER) {
      locked = true;
      await store.activity.record(
        login.uid,
        'device-locked',
        context,
        `${device.name}: ${DEVICE_LOCK_AFTER} wrong codes in a row`,
      );
    }
  }
  await store.activity.record(login.uid, 'sign-in-failed', context, 'wrong code from the mobile app (QR)');
  const attempts = await store.loginChallenges.fail(id);
  if (locked) {
    await store.loginChallenges.consume(id);
    return { ok: false, reason: 'locked' };
  }
  if (attempts >= CODE_TRIES_PER_SIGN_IN) {
    await store.loginChallenges.consume(id);
    return { ok: false, reason: 'ended' };
  }
  return { ok: false, reason: 'wrong-code', attemptsLeft: CODE_TRIES_PER_SIGN_IN - attempts };
}
