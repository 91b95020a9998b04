/**
 * The pages of a push request (docs/protocol.md §6): after the password with
 * "EU Login Mobile App PIN Code" (device choice, the waiting page and its long
 * poll, the step that ends it), and the approval that lets a signed-in user add
 * another device. The pages themselves are web/flows/push-step.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isStepUp } from '../../../core/push-api';
import type { LoginTarget } from '../../domain/cas/login-target';
import { resolveLoginTarget } from '../../domain/sign-in-target';
import { LEVELS } from '../../domain/oidc/levels';
import type { Deps, WithDeps } from '../../domain/deps';
import { createPushRequest, outcomeOf, sendToDevice, waitForChange, type Outcome } from '../../domain/push-requests';
import { tr, type PageKey } from '../../i18n/catalogue';
import { hashToken, looksLikeToken, safeEqual } from '../../platform/tokens';
import type { PushRequest } from '../../store/push-requests';
import { longPoll, longPollQuery } from '../flows/long-poll';
import { waitPage } from '../flows/push-step';
import { completeSignIn, refuseUnknownService, signInEnded } from '../flows/sign-in';
import { clearCookie, readCookie, setCookie } from '../plugins/cookies';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { apiFail } from '../plugins/json-api';
import { clientContext, FRESH_MS, signedIn } from '../plugins/session';
import { messagePage } from '../views/login';
import { devicePickerPage, STEP_UP_NEXT, stepUpPage, type StepUpNext } from '../views/push';

const TX = /^[A-Za-z0-9_-]{22}$/;
/** How long one status request waits for a change before answering "waiting" (long poll). */
export const PUSH_STATUS_WAIT_MS = 20_000;

const ENDED: Record<Exclude<Outcome, 'approved' | 'waiting' | 'choosing'>, [PageKey, number]> = {
  denied: ['pushDenied', 401],
  reported: ['pushReported', 401],
  'wrong-number': ['pushWrongNumber', 401],
  failed: ['pushFailed', 401],
  locked: ['deviceLockedMessage', 423],
  expired: ['expired', 410],
};

const txBody = z.object({
  service: text(2048).optional(),
  authenticationLevel: z.enum(LEVELS).optional(),
  tx: text(40).default(''),
  next: text(40).optional(),
});
const deviceBody = txBody.extend({ device: text(40).default('') });
const approvalBody = z.object({ device: text(40).default(''), next: text(40).optional() });
const nextOf = (value: string | undefined): StepUpNext => STEP_UP_NEXT.find((n) => n === value) ?? '/cas/mobile';

/** The request this browser started (its `sk_login` cookie), or undefined. */
async function ownRequest(
  { config, store }: Deps,
  request: FastifyRequest,
  tx: string,
): Promise<PushRequest | undefined> {
  const token = readCookie(request, config, 'login');
  if (!TX.test(tx) || !looksLikeToken(token)) return undefined;
  const push = await store.pushRequests.byId(tx);
  return push && safeEqual(push.browserHash, hashToken(token)) ? push : undefined;
}

export async function pushSignInRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store, now } = deps;
  const { withSession, requireSignIn } = app;

  const ended = (reply: FastifyReply, outcome: keyof typeof ENDED, target: LoginTarget) =>
    signInEnded(reply, ENDED[outcome][1], tr(ENDED[outcome][0]), outcome, target);

  /**
   * What both steps of a push sign-in start with: the form, the relying party it is for, and this
   * browser's request. Undefined when the service is unknown (the refusal is sent).
   */
  async function step<Form extends z.infer<typeof txBody>>(request: FastifyRequest, reply: FastifyReply, form: Form) {
    const target = await resolveLoginTarget(deps, form.service, form.authenticationLevel);
    if (!target) {
      await refuseUnknownService(reply);
      return undefined;
    }
    return { form, target, push: await ownRequest(deps, request, form.tx) };
  }

  app.post('/cas/login/push/device', { schema: { body: deviceBody } }, async (request, reply) => {
    const started = await step(request, reply, request.body);
    if (!started) return reply;
    const { form, target, push } = started;
    if (!push || push.purpose !== 'sign-in' || outcomeOf(push, now()) !== 'choosing')
      return ended(reply, 'expired', target);
    const devices = await store.devices.activeFor(push.uid);
    const device = devices.find((d) => d.id === form.device);
    if (!device || !(await sendToDevice(deps, push, device.id)))
      return reply
        .code(422)
        .html(devicePickerPage({ csrf: reply.csrfToken(), context: target.context, tx: push.id, devices }));
    return waitPage(reply, push, device.name, { context: target.context });
  });

  // The waiting page's form, submitted by push-wait.js once the request has ended (or by the user).
  app.post('/cas/login/push', { preHandler: withSession, schema: { body: txBody } }, async (request, reply) => {
    const started = await step(request, reply, request.body);
    if (!started) return reply;
    const { form, target, push } = started;
    if (!push) return ended(reply, 'expired', target);
    const outcome = outcomeOf(push, now());
    if (outcome === 'waiting' || outcome === 'choosing') {
      const device = push.deviceId ? await store.devices.byId(push.deviceId) : undefined;
      if (!device) return ended(reply, 'expired', target);
      return waitPage(reply, push, device.name, {
        context: target.context,
        next: isStepUp(push.purpose) ? nextOf(form.next) : undefined,
      });
    }
    // Whatever the outcome, the request is used up here, once.
    const consumed = await store.pushRequests.consume(push.id);
    clearCookie(reply, config, 'login');
    if (isStepUp(push.purpose) && (outcome !== 'approved' || !consumed))
      return reply.code(403).html(
        messagePage(tr('deviceNotAdded'), tr('deviceNotApproved'), {
          href: '/cas/account',
          label: tr('myAccount'),
        }),
      );
    if (outcome !== 'approved' || !consumed)
      return ended(reply, consumed && outcome !== 'approved' ? outcome : 'expired', target);
    if (isStepUp(push.purpose)) {
      const who = request.who;
      if (!who || who.user.uid !== push.uid) return ended(reply, 'expired', target);
      await store.sessions.setStepUp(who.token, now() + FRESH_MS);
      return reply.goTo(nextOf(form.next));
    }
    const device = push.deviceId ? await store.devices.byId(push.deviceId) : undefined;
    return completeSignIn(request, reply, deps, {
      user: (await store.users.byUid(push.uid))!,
      strength: 'PASSWORD_MOBILE_APP',
      how: `EU Login Mobile App PIN Code (${device?.name ?? 'a removed device'})`,
      target,
    });
  });

  // "Add a mobile device" when the account has one: ask the chosen device to approve.
  app.post(
    '/cas/mobile/approval',
    { preHandler: requireSignIn, schema: { body: approvalBody } },
    async (request, reply) => {
      const who = signedIn(request);
      const form = request.body;
      const next = nextOf(form.next);
      const devices = await store.devices.activeFor(who.user.uid);
      const device = devices.find((d) => d.id === form.device);
      if (!device) return reply.code(422).html(stepUpPage(who.frame, devices, tr('chooseDeviceError'), next));
      const push = await createPushRequest(deps, {
        uid: who.user.uid,
        deviceId: device.id,
        purpose: next === '/cas/mobile' ? 'add-device' : 'add-authenticator',
        service: null,
        serviceName: null,
        context: clientContext(request),
      });
      setCookie(reply, config, 'login', push.browserToken);
      return waitPage(reply, push, device.name, { context: {}, signedIn: who.frame, next });
    },
  );
}

/** The push waiting page's status, in the JSON scope (app.ts). */
export async function pushStatusRoute(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { store, now } = deps;
  // Long poll for the waiting page: answers as soon as the request changes, or after PUSH_STATUS_WAIT_MS.
  const statusQuery = longPollQuery.extend({ tx: z.string().max(40).optional() });
  app.get('/cas/login/push/status', { schema: { querystring: statusQuery } }, async (request, reply) => {
    const { tx, wait } = request.query;
    const push = tx === undefined ? undefined : await ownRequest(deps, request, tx);
    if (!push) return apiFail(reply, 404, 'not-found', 'Not found');
    return longPoll(request, reply, {
      wait: wait === '1',
      waitMs: PUSH_STATUS_WAIT_MS,
      now,
      read: async () => {
        const current = await store.pushRequests.byId(push.id);
        return current
          ? { status: outcomeOf(current, now()), expiresAt: current.expiresAt }
          : { status: 'expired', expiresAt: 0 };
      },
      changed: (ms, signal) => waitForChange(deps, push.id, ms, signal),
    });
  });
}
