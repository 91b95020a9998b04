/**
 * Development facilities (the outbox, which shows every mail and so every
 * password link) answer only to clients on this machine. The address is the
 * socket's own peer: trustProxy is off, so no header can claim to be local.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopbackAddress } from '../../platform/loopback-address';

/** Registers `routes` in a scope that answers 404 (as if absent) to any client not on loopback. */
export async function registerLoopbackOnly(app: FastifyInstance, routes: (scope: FastifyInstance) => void) {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply) => {
      if (!isLoopbackAddress(request.socket.remoteAddress)) {
        request.log.warn({ ip: request.socket.remoteAddress }, 'development facility refused to a remote client');
        return reply.callNotFound();
      }
    });
    routes(scope);
  });
}
