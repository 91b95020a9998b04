/**
 * What a sign-in is for: the relying party (a registered CAS service, or none
 * for EU Login itself) and the weakest strength it accepts.
 */
import type { FastifyReply } from 'fastify';
import type { CasService } from '../config';
import { messagePage, type LoginContext } from '../views/login';
import { findService } from './services';
import type { Strength } from './strengths';

export interface LoginTarget {
  context: LoginContext;
  minimum: Strength;
}

/** The target for a `service` parameter; undefined when the service is not registered. */
export function loginTarget(services: readonly CasService[], service: unknown): LoginTarget | undefined {
  if (service === undefined || service === '') return { context: {}, minimum: 'PASSWORD' };
  const registered = findService(services, service);
  if (!registered) return undefined;
  return { context: { service: service as string, serviceName: registered.name }, minimum: registered.minStrength };
}

export function refuseUnknownService(reply: FastifyReply) {
  return reply
    .code(400)
    .type('text/html; charset=utf-8')
    .send(
      messagePage(
        'Unknown service',
        'The application that sent you here is not registered with this login service, so you cannot sign in to it.',
        { href: '/cas/login', label: 'Sign in to EU Login instead' },
      ),
    );
}

/** After a sign-in: back to the service through /cas/login (which issues the ticket), or to My Account. */
export function nextAfterSignIn(context: LoginContext): string {
  return context.service ? `/cas/login?service=${encodeURIComponent(context.service)}` : '/cas/account';
}

/** A sign-in with nothing to tell goes straight on: no "You are signed in → Continue" stop. */
export function continueAfterSignIn(reply: FastifyReply, context: LoginContext) {
  return reply.redirect(nextAfterSignIn(context), 303);
}
