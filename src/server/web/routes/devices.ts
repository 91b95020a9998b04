/**
 * My Account → "Add mobile device" (the guide's Step 2 on the computer), the
 * waiting page's status, and renaming and removing devices.
 */
import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkCsrf } from '../plugins/csrf';
import { tr } from '../../i18n/catalogue';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, FRESH_MS, signedInPage, signedInUser } from '../plugins/session';
import { ENROLMENT_TTL_MS, startEnrolment } from '../../domain/enrolment';
import { checkCurrentPassword, checkPasswordSignIn, waitMessage } from '../../domain/password-check';
import { approvalFromExistingDevice } from '../../domain/step-up';
import { addDevicePage, enrolmentQrPage, reauthPage } from '../views/devices';
import { stepUpPage } from '../views/push';
import { messagePage } from '../views/login';

const HTML = 'text/html; charset=utf-8';
const PIN = /^[0-9]{4}$/;
const addBody = z.object({
  csrf: text(100).optional(),
  deviceName: text(100).default(''),
  pin: text(10).default(''),
  pinConfirm: text(10).default(''),
});
const passwordBody = z.object({ csrf: text(100).optional(), password: text(512).default('') });
const renameBody = z.object({ csrf: text(100).optional(), name: text(100).default('') });
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
/** How long one status request waits for a change before answering "waiting" (long poll). */
export const STATUS_WAIT_MS = 20_000;

export function registerDeviceRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store, now } = deps;

  const guard = (request: FastifyRequest, reply: FastifyReply) => signedInPage(request, reply, deps);
  const fresh = (authenticatedAt: number) => now() - authenticatedAt < FRESH_MS;

  app.get('/cas/mobile', async (request, reply) => {
    const who = await guard(request, reply);
    if (!who) return reply;
    if (!fresh(who.session.authenticatedAt)) return reply.type(HTML).send(reauthPage(who.signedIn));
    if ((await approvalFromExistingDevice(store, who.user.uid, who.session, now())) === 'required')
      return reply.type(HTML).send(stepUpPage(who.signedIn, await store.devices.activeFor(who.user.uid)));
    return reply.type(HTML).send(addDevicePage({ signedIn: who.signedIn }));
  });

  app.post(
    '/cas/mobile/reauth',
    reauthHandler(deps, () => ({ title: tr('addDeviceTitle'), action: '/cas/mobile/reauth' }), '/cas/mobile'),
  );

  app.post('/cas/mobile', async (request, reply) => {
    const who = await guard(request, reply);
    if (!who) return reply;
    const form = readForm(addBody, request.body);
    const deviceName = form.deviceName.trim();
    const view = { signedIn: who.signedIn, values: { deviceName } };
    if (!checkCsrf(request, config, form.csrf))
      return reply
        .code(403)
        .type(HTML)
        .send(addDevicePage({ ...view, notice: tr('sessionExpired') }));
    if (!fresh(who.session.authenticatedAt)) return reply.code(401).type(HTML).send(reauthPage(who.signedIn));
    if ((await approvalFromExistingDevice(store, who.user.uid, who.session, now())) === 'required')
      return reply
        .code(403)
        .type(HTML)
        .send(stepUpPage(who.signedIn, await store.devices.activeFor(who.user.uid)));
    const errors: { deviceName?: string; pin?: string; pinConfirm?: string } = {};
    if (!deviceName) errors.deviceName = tr('deviceNameMissing');
    else if ([...deviceName].length > 50) errors.deviceName = tr('nameTooLong');
    if (!PIN.test(form.pin)) errors.pin = tr('pinFormat');
    else if (form.pinConfirm !== form.pin) errors.pinConfirm = tr('pinsDiffer');
    if (Object.keys(errors).length)
      return reply
        .code(422)
        .type(HTML)
        .send(addDevicePage({ ...view, errors }));
    const { id, qr } = await startEnrolment(deps, who.user.uid, deviceName, form.pin);
    // An approval from an existing device allows one new device.
    await store.sessions.setStepUp(who.token, null);
    const image = await QRCode.toDataURL(qr, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
    return reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(enrolmentQrPage(who.signedIn, id, image, ENROLMENT_TTL_MS / 60_000));
  });

  // Long poll for the waiting page: answers as soon as the enrolment changes, or after STATUS_WAIT_MS.
  app.get('/cas/mobile/enrolments/:id/status', async (request, reply) => {
    const who = await signedInUser(request, deps);
    const { id } = request.params as { id: string };
    if (!who || !DEVICE_ID.test(id)) return reply.code(404).send({ error: 'Not found' });
    const { wait } = request.query as { wait?: string };
    const deadline = Date.now() + (wait === '1' ? STATUS_WAIT_MS : 0);
    for (;;) {
      const enrolment = await store.enrolments.byId(id);
      if (!enrolment || enrolment.uid !== who.user.uid) return reply.code(404).send({ error: 'Not found' });
      const status =
        enrolment.status === 'done'
          ? 'done'
          : enrolment.status === 'cancelled'
            ? 'cancelled'
            : enrolment.expiresAt <= now()
              ? 'expired'
              : 'waiting';
      if (status !== 'waiting' || Date.now() >= deadline || request.raw.destroyed) {
        return reply.header('cache-control', 'no-store').send({ status });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  app.post(
    '/cas/devices/:id/rename',
    renameHandler(deps, { id: DEVICE_ID, rename: store.devices.rename, activity: 'device-renamed' }),
  );

  app.post(
    '/cas/devices/:id/remove',
    removeHandler(deps, {
      remove: async (uid, id) => {
        const device = DEVICE_ID.test(id) ? await store.devices.byId(id) : undefined;
        if (!device || device.uid !== uid || !(await store.devices.remove(uid, id))) return null;
        // Its connections close at once, on every instance; its requests went with it (ON DELETE CASCADE).
        await store.events.publish({ kind: 'device-removed', deviceId: device.id });
        return device.name;
      },
      notFound: () => tr('noSuchDevice'),
      activity: 'device-removed',
    }),
  );
}

/**
 * The password again before a sensitive change (the guide: "If needed, authenticate again"):
 * throttled like every password check, then the session counts as fresh and goes on to `next`.
 */
export function reauthHandler(deps: Deps, page: () => { title: string; action: string }, next: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await signedInPage(request, reply, deps);
    if (!who) return reply;
    const { signedIn } = who;
    const to = page();
    const form = readForm(passwordBody, request.body);
    if (!checkCsrf(request, deps.config, form.csrf))
      return reply
        .code(403)
        .type(HTML)
        .send(reauthPage(signedIn, tr('sessionExpired'), to));
    const check = await checkPasswordSignIn(deps, who.user.uid, form.password, clientContext(request));
    if (!check.ok) {
      const message = check.waitMs > 0 ? waitMessage(check.waitMs) : tr('passwordWrong');
      return reply
        .code(check.waitMs > 0 ? 429 : 401)
        .type(HTML)
        .send(reauthPage(signedIn, message, to));
    }
    await deps.store.sessions.reauthenticated(who.token);
    return reply.redirect(next, 303);
  };
}

/**
 * Renaming something of the signed-in user's (a device, a security key): 1 to 50 characters,
 * only their own, logged; the CSRF token checked first.
 */
export function renameHandler(
  deps: Deps,
  what: {
    id: RegExp;
    rename: (uid: string, id: string, name: string) => Promise<boolean>;
    activity: 'device-renamed' | 'security-key-renamed';
  },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await signedInPage(request, reply, deps);
    if (!who) return reply;
    const { id } = request.params as { id: string };
    const form = readForm(renameBody, request.body);
    const name = form.name.trim();
    const back = { href: '/cas/account', label: tr('myAccount') };
    if (!checkCsrf(request, deps.config, form.csrf))
      return reply
        .code(403)
        .type(HTML)
        .send(messagePage(tr('notRenamed'), tr('sessionExpired'), back));
    if (!name || [...name].length > 50 || !what.id.test(id) || !(await what.rename(who.user.uid, id, name)))
      return reply
        .code(422)
        .type(HTML)
        .send(messagePage(tr('notRenamed'), tr('nameRule'), back));
    await deps.store.activity.record(who.user.uid, what.activity, clientContext(request), name);
    return reply.redirect('/cas/account', 303);
  };
}

/**
 * Removing something of the signed-in user's (a device, a security key): the CSRF token, then the
 * current password (throttled like every password check), then only their own; logged.
 * `remove` answers the removed thing's name, or null when there is no such thing of theirs.
 */
export function removeHandler(
  deps: Deps,
  what: {
    remove: (uid: string, id: string) => Promise<string | null>;
    notFound: () => string;
    activity: 'device-removed' | 'security-key-removed';
  },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await signedInPage(request, reply, deps);
    if (!who) return reply;
    const { id } = request.params as { id: string };
    const form = readForm(passwordBody, request.body);
    const back = { href: '/cas/account', label: tr('myAccount') };
    const refuse = (code: number, message: string) =>
      reply
        .code(code)
        .type(HTML)
        .send(messagePage(tr('notRemoved'), message, back));
    if (!checkCsrf(request, deps.config, form.csrf)) return refuse(403, tr('sessionExpired'));
    const current = await checkCurrentPassword(deps, who.user, form.password, clientContext(request));
    if (!current.ok)
      return current.waitMs > 0 ? refuse(429, waitMessage(current.waitMs)) : refuse(401, tr('passwordWrongNotRemoved'));
    const name = await what.remove(who.user.uid, id);
    if (name === null) return refuse(404, what.notFound());
    await deps.store.activity.record(who.user.uid, what.activity, clientContext(request), name);
    return reply.redirect('/cas/account', 303);
  };
}
