/**
 * What a sign-in is for: the relying party (a registered CAS service, or none
 * for EU Login itself) and the weakest strength it accepts; and where a
 * signed-in user goes next.
 */
import type { CasService } from '../../platform/config';
import { newToken } from '../../platform/tokens';
import type { Store } from '../../store/store';
import { findService, normaliseServiceUrl, withTicket } from './services';
import { minimumStrength, type Level } from '../oidc/levels';
import { isStrength, meets, type Strength } from './strengths';

/** CAS Protocol 3.0 §3.1.2: service tickets should be valid for a short time. */
export const TICKET_TTL_MS = 2 * 60_000;

/** The relying party a sign-in page is for, carried from page to page in the forms. */
export interface LoginContext {
  service?: string;
  serviceName?: string;
  /** EU Login's `authenticationLevel` request parameter: a level above the service's own minimum. */
  level?: Level;
}

export interface LoginTarget {
  context: LoginContext;
  minimum: Strength;
  /** An OpenID Connect authorization (sign-in-target.ts): its service is the interaction, finished there, with no ticket. */
  oidc?: boolean;
}

/**
 * The target for a `service` parameter, at the `authenticationLevel` asked for if any (the
 * stronger of it and the service's minimum); undefined when the service is not registered.
 */
export function loginTarget(services: readonly CasService[], service: unknown, level?: Level): LoginTarget | undefined {
  const asked = level ? { level } : {};
  const atLeast = (minimum: Strength): Strength =>
    level && !meets(minimum, minimumStrength(level)) ? minimumStrength(level) : minimum;
  if (service === undefined || service === '') return { context: asked, minimum: atLeast('PASSWORD') };
  const registered = findService(services, service);
  if (!registered) return undefined;
  // The normalised URL: what the ticket is issued for and the redirect goes to.
  const normal = normaliseServiceUrl(service)!;
  return {
    context: { service: normal, serviceName: registered.name, ...asked },
    minimum: atLeast(registered.minStrength),
  };
}

/** The query string of a context's sign-in page (its service and level), '' for none. */
export function contextQuery(context: LoginContext): string {
  const query = new URLSearchParams({
    ...(context.service && { service: context.service }),
    ...(context.level && { authenticationLevel: context.level }),
  }).toString();
  return query ? `?${query}` : '';
}

/** The way back to the service through /cas/login (which issues a ticket when followed), or My Account: for a link followed later, such as the no-device notice's Continue. */
export function nextAfterSignIn(context: LoginContext): string {
  return context.service ? `/cas/login${contextQuery(context)}` : '/cas/account';
}

/**
 * Where a signed-in user goes next: the service with a fresh ticket (CAS Protocol 3.0 §2.2.4), or
 * My Account — for single sign-on and straight after a sign-in with nothing to tell (no "You are
 * signed in → Continue" stop, and no round trip through /cas/login for the ticket). A session too
 * weak for the service goes through /cas/login, which asks for more.
 */
export async function whereNext(
  store: Pick<Store, 'casTickets'>,
  session: { uid: string; strength: string },
  target: LoginTarget,
): Promise<string> {
  const { service } = target.context;
  if (!service) return '/cas/account';
  if (!isStrength(session.strength) || !meets(session.strength, target.minimum)) return nextAfterSignIn(target.context);
  if (target.oidc) return service;
  const ticket = `ST-${newToken()}`;
  await store.casTickets.create(ticket, { uid: session.uid, service, strength: session.strength }, TICKET_TTL_MS);
  return withTicket(service, ticket);
}
