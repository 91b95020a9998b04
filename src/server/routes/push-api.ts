/**
 * The device side of push requests (docs/protocol.md §6): the request
 * channel (WebSocket), the poll the extension makes when its popup opens, and
 * the signed answer. No cookies: authenticated by device-key signatures.
 */
import type { FastifyInstance } from 'fastify';
import { signedDeviceRequest } from '../../core/enrolment-api';
import { pushAnswer } from '../../core/push-api';
import type { Deps } from '../http/deps';
import { apiFail, parseBody, type ApiCode } from '../http/json-api';
import { clientContext } from '../http/session';
import type { DeviceHub } from '../services/device-channel';
import { checkSignedRequest } from '../services/device-signature';
import { answerPush, pendingViews } from '../services/push-requests';

const ID = /^[A-Za-z0-9_-]{22}$/;

const ANSWER_ERRORS: Record<Exclude<ApiCode, 'throttled'>, [number, string]> = {
  invalid: [401, 'The request was not valid.'],
  'not-found': [404, 'This request is not known to the server.'],
  expired: [410, 'This request has expired.'],
  used: [409, 'This request has already been answered.'],
  'wrong-number': [
    409,
    'That was not the number shown on the sign-in page, so the request was refused. If you did not start this sign-in, choose “This wasn’t me” next time.',
  ],
  'wrong-pin': [401, 'The PIN code is not correct.'],
  locked: [
    423,
    'Too many wrong PIN codes: this device is locked. Initialise it again from My Account (remove it, then add it again).',
  ],
};

export function registerPushApi(app: FastifyInstance, deps: Deps, hub: DeviceHub): void {
  app.get('/api/devices/channel', { websocket: true }, (socket) => hub.attach(socket));

  // "Check for requests": the same list the channel sends, for a device that is offline or just woke up.
  app.post('/api/devices/:id/requests', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parseBody(signedDeviceRequest, request.body);
    if (!ID.test(id) || !body) return apiFail(reply, 400, 'invalid', ANSWER_ERRORS.invalid[1]);
    const device = await deps.store.devices.byId(id);
    if (!device) return apiFail(reply, 404, 'not-found', 'This device is not known to the server.');
    if ((await checkSignedRequest(deps.store, deps.now, 'requests', device, body)) !== 'ok')
      return apiFail(reply, 401, 'invalid', ANSWER_ERRORS.invalid[1]);
    if (device.status === 'locked') return apiFail(reply, 423, 'locked', ANSWER_ERRORS.locked[1]);
    await deps.store.devices.touch(id);
    return { requests: await pendingViews(deps, id) };
  });

  app.post('/api/push/:id/answer', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parseBody(pushAnswer, request.body);
    if (!ID.test(id) || !body) return apiFail(reply, 400, 'invalid', ANSWER_ERRORS.invalid[1]);
    const outcome = await answerPush(deps, id, body, clientContext(request));
    if (outcome.ok) return { status: outcome.status };
    const [status, message] = ANSWER_ERRORS[outcome.code];
    if (outcome.code === 'wrong-pin') {
      const left = outcome.attemptsLeft ?? 0;
      const text =
        left > 0
          ? `${message} ${left} attempt${left === 1 ? '' : 's'} left.`
          : `${message} Too many wrong PIN codes: this request has ended.`;
      return apiFail(reply, status, 'wrong-pin', text, { attemptsLeft: left });
    }
    return apiFail(reply, status, outcome.code, message);
  });
}
