/**
 * The JSON API the extension calls (docs/protocol.md §3). Authenticated by
 * the enrolment token and PIN proof, or by device-key signatures — never by
 * cookies — so any origin may call it (CORS `*`, no credentials).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { completeEnrolmentRequest, signedDeviceRequest, type ApiError } from '../../../core/enrolment-api';
import type { WithDeps } from '../../domain/deps';
import { tr, type PageKey } from '../../i18n/catalogue';
import { apiFail, idParams, type ApiCode } from '../plugins/json-api';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';
import { completeEnrolment, confirmDevice, removeDeviceSigned } from '../../domain/enrolment';

type EnrolmentCode = Exclude<ApiCode, 'wrong-number' | 'internal'>;

/** In the language the extension's request asks for (Accept-Language). */
const MESSAGES: Record<EnrolmentCode, PageKey> = {
  'wrong-pin': 'apiWrongEnrolPin',
  expired: 'apiCodeExpired',
  used: 'apiCodeUsed',
  'not-found': 'apiCodeUnknown',
  invalid: 'apiInvalid',
  locked: 'apiCodeLocked',
  throttled: 'apiThrottled',
};

function fail(reply: FastifyReply, status: number, code: EnrolmentCode, extra: Partial<ApiError> = {}) {
  return apiFail(reply, status, code, tr(MESSAGES[code]), extra);
}

export async function enrolmentApi(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/enrolments/:id/complete',
    { schema: { params: idParams, body: completeEnrolmentRequest } },
    async (request, reply) => {
      const { params, body } = request;
      const { id } = params;
      const outcome = await completeEnrolment(deps, id, body);
      if (!outcome.ok)
        return fail(
          reply,
          outcome.status,
          outcome.code,
          outcome.attemptsLeft === undefined ? {} : { attemptsLeft: outcome.attemptsLeft },
        );
      return outcome.response;
    },
  );

  app.post(
    '/api/devices/:id/confirm',
    { schema: { params: idParams, body: signedDeviceRequest } },
    async (request, reply) => {
      const { params, body } = request;
      const { id } = params;
      const outcome = await confirmDevice(deps, id, body, clientContext(request));
      if (outcome === 'ok') return { status: 'active' };
      if (outcome === 'expired') return fail(reply, 410, 'expired');
      if (outcome === 'not-found') return fail(reply, 404, 'not-found');
      return fail(reply, 401, 'invalid');
    },
  );

  app.post(
    '/api/devices/:id/remove',
    { schema: { params: idParams, body: signedDeviceRequest } },
    async (request, reply) => {
      const { params, body } = request;
      const { id } = params;
      const outcome = await removeDeviceSigned(deps, id, body, clientContext(request));
      if (outcome === 'ok') return { status: 'removed' };
      if (outcome === 'not-found') return fail(reply, 404, 'not-found');
      return fail(reply, 401, 'invalid');
    },
  );
}
