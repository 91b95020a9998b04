/**
 * The "EU Login Mobile App PIN Code" step's pages (docs/protocol.md §6): the
 * choice of a device and "Check your device", after the password and for an
 * existing device's approval of a change.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PushPurpose } from '../../../core/push-api';
import type { LoginContext } from '../../domain/cas/login-target';
import type { Deps } from '../../domain/deps';
import { createPushRequest } from '../../domain/push-requests';
import { tr } from '../../i18n/catalogue';
import { setCookie } from '../plugins/cookies';
import { clientContext } from '../plugins/session';
import { signInEndedPage } from '../views/login';
import { devicePickerPage, pushWaitPage, type StepUpNext } from '../views/push';

/** "Check your device" for a request sent to `deviceName`. */
export function waitPage(
  reply: FastifyReply,
  push: { id: string; number: number; purpose: PushPurpose },
  deviceName: string,
  page: { context: LoginContext; signedIn?: { name: string; csrf: string }; next?: StepUpNext },
) {
  return reply.header('cache-control', 'no-store').html(
    pushWaitPage({
      ...page,
      csrf: reply.csrfToken(),
      tx: push.id,
      number: push.number,
      purpose: push.purpose,
      deviceName,
    }),
  );
}

/** After the right password with the PIN Code method: a request to the device, or first the choice of one. */
export async function startPushStep(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  uid: string,
  context: LoginContext,
) {
  const devices = await deps.store.devices.activeFor(uid);
  if (devices.length === 0) return reply.code(409).html(signInEndedPage(tr('noDevice'), 'no-device', context));
  const device = devices.length === 1 ? devices[0]! : null;
  const push = await createPushRequest(deps, {
    uid,
    deviceId: device?.id ?? null,
    purpose: 'sign-in',
    service: context.service ?? null,
    serviceName: context.serviceName ?? null,
    context: clientContext(request),
  });
  setCookie(reply, deps.config, 'login', push.browserToken);
  if (!device) return reply.html(devicePickerPage({ csrf: reply.csrfToken(), context, tx: push.id, devices }));
  return waitPage(reply, push, device.name, { context });
}
