/**
 * The JSON API the extension calls (docs/protocol.md §3). Authenticated by
 * the enrolment token and PIN proof, or by device-key signatures — never by
 * cookies — so any origin may call it (CORS `*`, no credentials).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { completeEnrolmentRequest, signedDeviceRequest, type ApiError } from '../../../core/enrolment-api';
import type { WithDeps } from '../../domain/deps';
import { tr, type PageKey } from '../../i18n/catalogue';
import { apiFail, parseBody as parse, type ApiCode } from '../plugins/json-api';
import { clientContext } from '../plugins/session';
import { completeEnrolment, confirmDevice, removeDeviceSigned } from '../../domain/enrolment';

const ID = /^[A-Za-z0-9_-]{22}$/;

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

export async function enrolmentApi(app: FastifyInstance, { deps }: WithDeps) {
  app.post('/api/enrolments/:id/complete', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parse(completeEnrolmentRequest, request.body);
    if (!ID.test(id) || !body) return fail(reply, 400, 'invalid');
    const outcome = await completeEnrolment(deps, id, body);
    if (!outcome.ok)
      return fail(
        reply,
        outcome.status,
        outcome.code,
        outcome.attemptsLeft === undefined ? {} : { attemptsLeft: outcome.attemptsLeft },
      );
    return outcome.response;
  });

  app.post('/api/devices/:id/confirm', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parse(signedDeviceRequest, request.body);
    if (!ID.test(id) || !body) return fail(reply, 400, 'invalid');
    const outcome = await confirmDevice(deps, id, body, clientContext(request));
    if (outcome === 'ok') return { status: 'active' };
    if (outcome === 'expired') return fail(reply, 410, 'expired');
    if (outcome === 'not-found') return fail(reply, 404, 'not-found');
    return fail(reply, 401, 'invalid');
  });

  app.post('/api/devices/:id/remove', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parse(signedDeviceRequest, request.body);
    if (!ID.test(id) || !body) return fail(reply, 400, 'invalid');
    const outcome = await removeDeviceSigned(deps, id, body, clientContext(request));
    if (outcome === 'ok') return { status: 'removed' };
    if (outcome === 'not-found') return fail(reply, 404, 'not-found');
    return fail(reply, 401, 'invalid');
  });
}
