/**
 * My Account → "Add mobile device" (the guide's Step 2 on the computer), the
 * waiting page's status, and renaming and removing devices.
 */
import QRCode from 'qrcode';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isPin } from '../../../core/pin';
import type { WithDeps } from '../../domain/deps';
import { ENROLMENT_TTL_MS, enrolmentStatus, startEnrolment, waitForEnrolment } from '../../domain/enrolment';
import { tr } from '../../i18n/catalogue';
import { reauthRoute, removeRoute, renameRoute, requireSensitiveChange } from '../flows/account-changes';
import { longPoll, longPollQuery } from '../flows/long-poll';
import { RANDOM_ID } from '../plugins/json-api';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { signedIn } from '../plugins/session';
import { addDevicePage, enrolmentQrPage } from '../views/devices';

const addBody = z.object({
  deviceName: text(100).default(''),
  pin: text(10).default(''),
  pinConfirm: text(10).default(''),
});
/** How long one status request waits for a change before answering "waiting" (long poll). */
export const STATUS_WAIT_MS = 20_000;
const REAUTH = () => ({ title: tr('addDeviceTitle'), action: '/cas/mobile/reauth' });

export async function deviceRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;
  const { requireSignIn } = app;

  const addingDevice = (refusing: boolean) =>
    requireSensitiveChange(deps, () => ({ reauth: REAUTH(), next: '/cas/mobile', refusing }));

  app.get('/cas/mobile', { preHandler: [requireSignIn, addingDevice(false)] }, async (request, reply) => {
    const who = signedIn(request);
    return reply.html(addDevicePage({ signedIn: who.frame }));
  });

  app.post('/cas/mobile/reauth', { preHandler: requireSignIn, ...reauthRoute(deps, REAUTH, '/cas/mobile') });

  app.post(
    '/cas/mobile',
    { preHandler: [requireSignIn, addingDevice(true)], schema: { body: addBody } },
    async (request, reply) => {
      const form = request.body;
      const who = signedIn(request);
      const deviceName = form.deviceName.trim();
      const errors: { deviceName?: string; pin?: string; pinConfirm?: string } = {};
      if (!deviceName) errors.deviceName = tr('deviceNameMissing');
      else if ([...deviceName].length > 50) errors.deviceName = tr('nameTooLong');
      if (!isPin(form.pin)) errors.pin = tr('pinFormat');
      else if (form.pinConfirm !== form.pin) errors.pinConfirm = tr('pinsDiffer');
      if (Object.keys(errors).length)
        return reply.code(422).html(addDevicePage({ signedIn: who.frame, values: { deviceName }, errors }));
      const { id, qr } = await startEnrolment(deps, who.user.uid, deviceName, form.pin);
      // An approval from an existing device allows one new device.
      await store.sessions.setStepUp(who.token, null);
      const image = await QRCode.toDataURL(qr, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
      return reply
        .header('cache-control', 'no-store')
        .html(enrolmentQrPage(who.frame, id, image, ENROLMENT_TTL_MS / 60_000));
    },
  );

  app.post('/cas/devices/:id/rename', {
    preHandler: requireSignIn,
    ...renameRoute(deps, { id: RANDOM_ID, rename: store.devices.rename, activity: 'device-renamed' }),
  });

  app.post('/cas/devices/:id/remove', {
    preHandler: requireSignIn,
    ...removeRoute(deps, {
      remove: async (uid, id) => {
        const device = RANDOM_ID.test(id) ? await store.devices.byId(id) : undefined;
        if (!device || device.uid !== uid || !(await store.devices.remove(uid, id))) return null;
        // Its connections close at once, on every instance; its requests went with it (ON DELETE CASCADE).
        await store.events.publish({ kind: 'device-removed', deviceId: device.id });
        return device.name;
      },
      notFound: () => tr('noSuchDevice'),
      activity: 'device-removed',
    }),
  });
}

/** The enrolment page's status, in the JSON scope (app.ts). */
export async function enrolmentStatusRoute(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { store, now } = deps;
  // Long poll for the waiting page: answers as soon as the enrolment is confirmed or cancelled
  // (a store event, from any instance), when it expires, or after STATUS_WAIT_MS.
  const statusSchema = { params: z.object({ id: z.string().max(100) }), querystring: longPollQuery };
  app.get(
    '/cas/mobile/enrolments/:id/status',
    { preHandler: app.requireSignInForJson, schema: statusSchema },
    async (request, reply) => {
      const { user } = signedIn(request);
      const { id } = request.params;
      const { wait } = request.query;
      return longPoll(request, reply, {
        wait: wait === '1',
        waitMs: STATUS_WAIT_MS,
        now,
        read: async () => {
          const enrolment = RANDOM_ID.test(id) ? await store.enrolments.byId(id) : undefined;
          if (!enrolment || enrolment.uid !== user.uid) return null;
          return { status: enrolmentStatus(enrolment, now()), expiresAt: enrolment.expiresAt };
        },
        changed: (ms, signal) => waitForEnrolment(deps, id, ms, signal),
      });
    },
  );
}
