/**
 * The extension registers a security key or trusted platform for its account
 * (docs/protocol.md §8). Its device key is the approval the server asks for
 * (it is an existing, active device of the account); the browser's origin is
 * then the extension's own, which WEBAUTHN_EXTRA_ORIGINS must name.
 */
import type { FastifyInstance } from 'fastify';
import { brokerOptionsRequest, brokerRegisterRequest } from '../../../core/broker-api';
import type { WithDeps } from '../../domain/deps';
import { tr, type PageKey } from '../../i18n/catalogue';
import { apiFail, idParams } from '../plugins/json-api';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';
import { checkSignedRequest } from '../../domain/device-signature';
import { finishRegistration, startRegistration } from '../../domain/webauthn';

const REFUSED: Record<string, [number, PageKey]> = {
  expired: [410, 'registrationExpired'],
  invalid: [422, 'authenticatorUnverified'],
  'attestation-required': [422, 'attestationRequired'],
  exists: [409, 'authenticatorExists'],
};

export async function brokerApi(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  /** The device (its id checked by the route's schema), when the request is its own and properly signed. */
  async function signedDevice(id: string, body: { timestamp: number; nonce: string; signature: string }) {
    const device = await deps.store.devices.byId(id);
    if (device?.status !== 'active') return undefined;
    return (await checkSignedRequest(deps.store, deps.now, 'broker', device, body)) === 'ok' ? device : undefined;
  }
  const binding = (deviceId: string) => `device:${deviceId}`;

  app.post(
    '/api/devices/:id/webauthn/options',
    { schema: { params: idParams, body: brokerOptionsRequest } },
    async (request, reply) => {
      const { params, body } = request;
      const { id } = params;
      const device = await signedDevice(id, body);
      if (!device) return apiFail(reply, 401, 'invalid', tr('apiInvalid'));
      const user = (await deps.store.users.byUid(device.uid))!;
      const { id: tx, options } = await startRegistration(deps, {
        user,
        binding: binding(device.id),
        kind: body.kind,
        name: body.name,
        brokeredBy: device.id,
      });
      return { tx, options };
    },
  );

  app.post(
    '/api/devices/:id/webauthn/register',
    { schema: { params: idParams, body: brokerRegisterRequest } },
    async (request, reply) => {
      const { params, body } = request;
      const { id } = params;
      const device = await signedDevice(id, body);
      if (!device) return apiFail(reply, 401, 'invalid', tr('apiInvalid'));
      const outcome = await finishRegistration(deps, {
        id: body.tx,
        binding: binding(device.id),
        uid: device.uid,
        response: body.credential,
      });
      if (!outcome.ok && outcome.reason === 'origin-refused') {
        // The operator's fix, in the log and in the answer the popup shows.
        request.log.warn({ origin: outcome.origin }, 'WebAuthn origin refused; add it to WEBAUTHN_EXTRA_ORIGINS');
        return apiFail(reply, 422, 'invalid', tr('originRefused', { origin: outcome.origin }));
      }
      if (!outcome.ok) {
        const [status, key] = REFUSED[outcome.reason]!;
        return apiFail(reply, status, outcome.reason === 'expired' ? 'expired' : 'invalid', tr(key));
      }
      await deps.store.activity.record(
        device.uid,
        'security-key-added',
        clientContext(request),
        `${outcome.credential.name}, registered by Sidekey on ${device.name}`,
      );
      return { name: outcome.credential.name };
    },
  );
}
