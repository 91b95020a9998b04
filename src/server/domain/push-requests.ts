/**
 * The "EU Login Mobile App PIN Code" method and step-up approvals: a request
 * to one device, answered with two proofs (docs/security-model.md, "Knowledge") — the
 * device key's signature over the request, its challenge, the decision and the
 * chosen number, and for an approval the OCRA response (RFC 6287) computed
 * with the PIN-protected key. Wrong PINs count against the device exactly as
 * in the QR method (one counter, locked after 5 in a row).
 */
import crypto from 'node:crypto';
import { ocra } from '../../core/ocra';
import { pushSignatureInput, type PushAnswer, type PushPurpose, type PushRequestView } from '../../core/push-api';
import type { Deps } from './deps';
import { mailTo, queueMailJob } from './mail-jobs';
import { suspiciousSignInMail } from './mail-templates';
import { nextEvent } from '../store/events';
import type { PushRequest, PushStatus } from '../store/push-requests';
import type { Repositories } from '../store/store';
import { SIGNATURE_SKEW_MS, verifyDeviceSignature } from './device-signature';
import { CODE_TRIES_PER_SIGN_IN, DEVICE_LOCK_AFTER } from './qr-sign-in';
import { newToken, safeEqual } from '../platform/tokens';
import { describeUserAgent } from '../../core/user-agent';

/** The guide's requests expire; two minutes is EU Login's order of magnitude. */
export const PUSH_TTL_MS = 2 * 60_000;

export type Outcome = 'waiting' | 'choosing' | 'expired' | Exclude<PushStatus, 'choosing' | 'pending'>;

export function outcomeOf(request: PushRequest, now: number): Outcome {
  if (request.status === 'pending' || request.status === 'choosing') {
    if (request.expiresAt <= now) return 'expired';
    return request.status === 'pending' ? 'waiting' : 'choosing';
  }
  return request.status;
}

/** Two digits for the page, and three for the device: the right one and two others, in random order. */
export function numberMatch(): { number: number; choices: number[] } {
  const number = crypto.randomInt(10, 100);
  const choices = new Set([number]);
  while (choices.size < 3) choices.add(crypto.randomInt(10, 100));
  const shuffled = [...choices];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = crypto.randomInt(0, i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return { number, choices: shuffled };
}

export interface NewRequest {
  uid: string;
  /** null: the user chooses among several devices first. */
  deviceId: string | null;
  purpose: PushPurpose;
  service: string | null;
  serviceName: string | null;
  context: { ip: string; userAgent: string };
}

/** Creates a request bound to the asking browser (its token goes in the `sk_login` cookie). */
export async function createPushRequest(deps: Deps, r: NewRequest) {
  const id = newToken(16);
  const browserToken = newToken();
  const { number, choices } = numberMatch();
  await deps.store.pushRequests.create({
    id,
    uid: r.uid,
    deviceId: r.deviceId,
    purpose: r.purpose,
    browserToken,
    challenge: crypto.randomBytes(32).toString('hex'),
    number,
    choices,
    service: r.service,
    serviceName: r.serviceName,
    client: { ...describeUserAgent(r.context.userAgent), ip: r.context.ip.slice(0, 64) },
    ttlMs: PUSH_TTL_MS,
  });
  if (r.deviceId) await deps.store.events.publish({ kind: 'push-changed', deviceId: r.deviceId, requestId: id });
  return { id, browserToken, number, purpose: r.purpose };
}

/** The user picked one of their active devices: the request goes to it now. */
export async function sendToDevice(deps: Deps, request: PushRequest, deviceId: string): Promise<boolean> {
  const device = await deps.store.devices.byId(deviceId);
  if (!device || device.uid !== request.uid || device.status !== 'active') return false;
  if (!(await deps.store.pushRequests.send(request.id, deviceId, PUSH_TTL_MS))) return false;
  await deps.store.events.publish({ kind: 'push-changed', deviceId, requestId: request.id });
  return true;
}

export function toView(r: PushRequest): PushRequestView {
  return {
    id: r.id,
    purpose: r.purpose,
    service: r.serviceName,
    browser: r.client.browser,
    os: r.client.os,
    ip: r.client.ip,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    choices: r.choices,
    challenge: r.challenge,
  };
}

export async function pendingViews(deps: Deps, deviceId: string): Promise<PushRequestView[]> {
  return (await deps.store.pushRequests.pendingFor(deviceId)).map(toView);
}

export type AnswerOutcome =
  | { ok: true; status: 'approved' | 'denied' | 'reported' }
  | {
      ok: false;
      code: 'not-found' | 'expired' | 'used' | 'invalid' | 'wrong-number' | 'wrong-pin' | 'locked';
      attemptsLeft?: number;
    };

export async function answerPush(
  deps: Deps,
  id: string,
  answer: PushAnswer,
  context: { ip: string; userAgent: string },
): Promise<AnswerOutcome> {
  const { store, now } = deps;
  const request = await store.pushRequests.byId(id);
  // Another device's request looks exactly like an unknown one.
  if (!request || request.deviceId !== answer.deviceId) return { ok: false, code: 'not-found' };
  const outcome = outcomeOf(request, now());
  if (outcome === 'expired') return { ok: false, code: 'expired' };
  if (outcome !== 'waiting') return { ok: false, code: 'used' };
  const device = await store.devices.byId(answer.deviceId);
  if (!device || device.uid !== request.uid) return { ok: false, code: 'not-found' };
  if (device.status === 'locked') return { ok: false, code: 'locked' };
  if (Math.abs(now() - answer.timestamp) > SIGNATURE_SKEW_MS) return { ok: false, code: 'invalid' };
  const signed = pushSignatureInput({ ...answer, id, challenge: request.challenge });
  if (!verifyDeviceSignature(device.publicKeyJwk, signed, answer.signature)) return { ok: false, code: 'invalid' };
  if (!(await store.devices.useNonce(`${device.id}:${answer.nonce}`, 2 * SIGNATURE_SKEW_MS)))
    return { ok: false, code: 'invalid' };

  const published = () => store.events.publish({ kind: 'push-changed', deviceId: device.id, requestId: id });
  const what =
    request.purpose === 'add-device'
      ? 'adding a mobile device'
      : request.purpose === 'add-authenticator'
        ? 'adding a security key or trusted platform'
        : `sign-in${to(request.serviceName)}`;
  const end = async (status: Exclude<PushStatus, 'choosing' | 'pending'>) => {
    const won = await store.pushRequests.decide(id, status);
    if (won) await published();
    return won;
  };

  if (answer.decision !== 'approve') {
    const status = answer.decision === 'deny' ? 'denied' : 'reported';
    // The decision, its record and (for a report) the mail to the user commit together.
    const won = await store.transaction(async (repos) => {
      if (!(await repos.pushRequests.decide(id, status))) return false;
      await repos.activity.record(
        request.uid,
        status === 'denied' ? 'sign-in-denied' : 'sign-in-reported',
        context,
        `${what} from ${request.client.browser} on ${request.client.os} (${request.client.ip}), on ${device.name}`,
      );
      if (status === 'reported') await reportToUser(deps, repos, request);
      return true;
    });
    if (!won) return { ok: false, code: 'used' };
    await published();
    if (status === 'reported') deps.mail.wake();
    return { ok: true, status };
  }

  if (answer.number !== request.number) {
    // The user is approving something other than what they see: end it (number matching).
    if (!(await end('wrong-number'))) return { ok: false, code: 'used' };
    await store.activity.record(
      request.uid,
      'sign-in-failed',
      context,
      `${what}: wrong number chosen on ${device.name}`,
    );
    return { ok: false, code: 'wrong-number' };
  }

  const key = await deps.ocraKeys.forDevice(device);
  const expected = await ocra(device.ocraSuite, key, { question: request.challenge });
  if (!safeEqual(expected, answer.otp ?? '')) {
    await store.activity.record(request.uid, 'sign-in-failed', context, `${what}: wrong PIN code on ${device.name}`);
    if ((await store.devices.failPin(device.id, DEVICE_LOCK_AFTER)) >= DEVICE_LOCK_AFTER) {
      await store.activity.record(
        request.uid,
        'device-locked',
        context,
        `${device.name}: ${DEVICE_LOCK_AFTER} wrong codes in a row`,
      );
      await end('locked');
      return { ok: false, code: 'locked' };
    }
    const attempts = await store.pushRequests.fail(id);
    if (attempts >= CODE_TRIES_PER_SIGN_IN) {
      await end('failed');
      return { ok: false, code: 'wrong-pin', attemptsLeft: 0 };
    }
    return { ok: false, code: 'wrong-pin', attemptsLeft: CODE_TRIES_PER_SIGN_IN - attempts };
  }
  // Two right answers at once: exactly one moves the request on.
  if (!(await end('approved'))) return { ok: false, code: 'used' };
  await store.devices.pinSucceeded(device.id);
  return { ok: true, status: 'approved' };
}

const to = (serviceName: string | null) => (serviceName ? ` to ${serviceName}` : '');

async function reportToUser(deps: Deps, repos: Repositories, request: PushRequest): Promise<void> {
  const user = await repos.users.byUid(request.uid);
  if (!user) return;
  const content = suspiciousSignInMail(user.language, {
    service: request.serviceName,
    browser: request.client.browser,
    os: request.client.os,
    ip: request.client.ip,
    at: new Date(request.createdAt),
  });
  await queueMailJob(repos, deps, mailTo(user.email, content));
}

/** Resolves as soon as the request changes (on this instance or another), or after `ms`. */
export function waitForChange(deps: Deps, id: string, ms: number, signal?: AbortSignal): Promise<void> {
  return nextEvent(deps.store.events, (event) => event.kind === 'push-changed' && event.requestId === id, ms, signal);
}
