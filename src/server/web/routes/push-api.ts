/**
 * The device side of push requests (docs/protocol.md §6): the request
 * channel (WebSocket), the poll the extension makes when its popup opens, and
 * the signed answer. No cookies: authenticated by device-key signatures.
 */
import type { FastifyInstance } from 'fastify';
import { signedDeviceRequest } from '../../../core/enrolment-api';
import { pushAnswer } from '../../../core/push-api';
import type { WithDeps } from '../../domain/deps';
import { tr, type PageKey } from '../../i18n/catalogue';
import { apiFail, idParams, type ApiCode } from '../plugins/json-api';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';
import type { DeviceHub } from '../../domain/device-channel';
import { checkSignedRequest } from '../../domain/device-signature';
import { answerPush, pendingViews } from '../../domain/push-requests';

const ANSWER_ERRORS: Record<Exclude<ApiCode, 'throttled' | 'internal'>, [number, PageKey]> = {
  invalid: [401, 'apiInvalid'],
  'not-found': [404, 'apiRequestUnknown'],
  expired: [410, 'apiRequestExpired'],
  used: [409, 'apiRequestUsed'],
  'wrong-number': [409, 'apiWrongNumber'],
  'wrong-pin': [401, 'apiWrongPin'],
  locked: [423, 'apiDeviceLocked'],
};

export async function pushApi(scope: FastifyInstance, { deps, hub }: WithDeps & { hub: DeviceHub }) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/api/devices/channel', { websocket: true }, (socket) => hub.attach(socket));

  // "Check for requests": the same list the channel sends, for a device that is offline or just woke up.
  const requestsSchema = { params: idParams, body: signedDeviceRequest };
  app.post('/api/devices/:id/requests', { schema: requestsSchema }, async (request, reply) => {
    const { params, body } = request;
    const { id } = params;
    const device = await deps.store.devices.byId(id);
    if (!device) return apiFail(reply, 404, 'not-found', tr('apiDeviceUnknown'));
    if ((await checkSignedRequest(deps.store, deps.now, 'requests', device, body)) !== 'ok')
      return apiFail(reply, 401, 'invalid', tr('apiInvalid'));
    if (device.status === 'locked') return apiFail(reply, 423, 'locked', tr('apiDeviceLocked'));
    await deps.store.devices.touch(id);
    return { requests: await pendingViews(deps, id) };
  });

  app.post('/api/push/:id/answer', { schema: { params: idParams, body: pushAnswer } }, async (request, reply) => {
    const { params, body } = request;
    const { id } = params;
    const outcome = await answerPush(deps, id, body, clientContext(request));
    if (outcome.ok) return { status: outcome.status };
    const [status, key] = ANSWER_ERRORS[outcome.code];
    const message = tr(key);
    if (outcome.code === 'wrong-pin') {
      const left = outcome.attemptsLeft ?? 0;
      const text =
        left === 0
          ? tr('apiRequestEnded', { message })
          : tr(left === 1 ? 'apiOneAttemptLeft' : 'apiAttemptsLeft', { message, left });
      return apiFail(reply, status, 'wrong-pin', text, { attemptsLeft: left });
    }
    return apiFail(reply, status, outcome.code, message);
  });
}
