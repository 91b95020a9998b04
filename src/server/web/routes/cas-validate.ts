/**
 * CAS service ticket validation, for relying parties: /cas/serviceValidate
 * (CAS 2.0) and /cas/p3/serviceValidate (CAS 3.0), both with attributes.
 * Every failure is an XML answer with a CAS error code, never a 500.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findService, normaliseServiceUrl } from '../../domain/cas/services';
import { failureXml, successXml, type CasFailureCode } from '../../domain/cas/validation-xml';
import type { WithDeps } from '../../domain/deps';
import type { ZodTypeProvider } from '../plugins/route-schemas';

const TICKET = /^ST-[A-Za-z0-9_-]{43}$/;
/** Read as they come (a repeated parameter is an array): every misfit is an XML failure, below. */
const validateQuery = z.object({ service: z.unknown().optional(), ticket: z.unknown().optional() });

export async function casValidateRoutes(scope: FastifyInstance, { deps: { config, store } }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const send = (reply: FastifyReply, body: string) =>
    reply.type('application/xml; charset=utf-8').header('cache-control', 'no-store').send(body);
  const fail = (reply: FastifyReply, code: CasFailureCode, message: string) => send(reply, failureXml(code, message));

  async function validate(
    request: FastifyRequest<{ Querystring: z.output<typeof validateQuery> }>,
    reply: FastifyReply,
  ) {
    const { service, ticket } = request.query;
    if (typeof service !== 'string' || typeof ticket !== 'string' || !service || !ticket) {
      return fail(reply, 'INVALID_REQUEST', 'Both the service and ticket parameters are required');
    }
    if (!findService(config.casServices, service))
      return fail(reply, 'INVALID_SERVICE', 'The service is not registered');
    // Never echo an attacker's string at length; a well-formed ticket is short.
    if (!TICKET.test(ticket)) return fail(reply, 'INVALID_TICKET', 'The ticket is not recognised');
    const grant = await store.casTickets.consume(ticket);
    if (!grant || grant.expired) return fail(reply, 'INVALID_TICKET', `Ticket ${ticket} not recognised`);
    // §2.5: a ticket presented for another service fails, and is used up all the same.
    if (grant.service !== normaliseServiceUrl(service))
      return fail(reply, 'INVALID_SERVICE', 'The ticket was not issued for this service');
    const user = await store.users.byUid(grant.uid);
    if (!user) return fail(reply, 'INVALID_TICKET', `Ticket ${ticket} not recognised`);
    return send(
      reply,
      successXml({
        uid: user.uid,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        strength: grant.strength,
      }),
    );
  }

  app.get('/cas/serviceValidate', { schema: { querystring: validateQuery } }, validate);
  app.get('/cas/p3/serviceValidate', { schema: { querystring: validateQuery } }, validate);
}
