/**
 * Development facilities (the outbox, which shows every mail and so every
 * password link) answer only to clients on this machine. The address is the
 * socket's own peer: trustProxy is off, so no header can claim to be local.
 */
import type { onRequestAsyncHookHandler } from 'fastify';
import { isLoopbackAddress } from '../../platform/loopback-address';

/** onRequest hook for a plugin's own routes: 404 (as if absent) to any client not on loopback. */
export const loopbackOnly: onRequestAsyncHookHandler = async (request, reply) => {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    request.log.warn({ ip: request.socket.remoteAddress }, 'development facility refused to a remote client');
    return reply.callNotFound();
  }
};
