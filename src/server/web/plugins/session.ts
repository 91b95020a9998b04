/**
 * Signed-in sessions over the store: a new random session at every sign-in
 * (no fixation), ended after 30 minutes idle or 12 hours after sign-in
 * (OWASP Session Management: idle and absolute timeouts).
 *
 * Routes behind sign-in declare a guard (`preHandler: app.requireSignIn`) and read
 * `signedIn(request)`; none looks the session up by hand.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps, WithDeps } from '../../domain/deps';
import { looksLikeToken, newToken } from '../../platform/tokens';
import type { Session } from '../../store/sessions';
import type { User } from '../../store/users';
import { clearCookie, readCookie, setCookie } from './cookies';
import { apiFail } from './json-api';
import { forgetLanguage, rememberLanguage } from './language';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** Sensitive changes (password, devices) need a sign-in at most this old. */
export const FRESH_MS = 10 * 60_000;

export interface SignedIn {
  user: User;
  session: Session;
  /** The session cookie's token (to end or mark this session). */
  token: string;
  /** What the page frame needs: the user's first name and the forms' CSRF token. */
  frame: { name: string; csrf: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session guards: the signed-in user, or null. */
    who: SignedIn | null;
  }
  interface FastifyInstance {
    /** preHandler: looks the session up when there is one (`request.who`, else null). */
    withSession: preHandlerAsyncHookHandler;
    /** preHandler of pages behind sign-in: without a session, on to the sign-in page. */
    requireSignIn: preHandlerAsyncHookHandler;
    /** preHandler of JSON behind sign-in: without a session, 404. */
    requireSignInForJson: preHandlerAsyncHookHandler;
  }
}

async function lookUp(request: FastifyRequest, reply: FastifyReply, { config, store }: Deps) {
  const token = readCookie(request, config, 'session');
  if (!looksLikeToken(token)) return null;
  const session = await store.sessions.touch(token, SESSION_IDLE_MS, SESSION_MAX_MS);
  const user = session && (await store.users.byUid(session.uid));
  if (!user || !session) return null;
  // The frame's CSRF token is made only when asked for: a JSON answer sets no cookie it does not need.
  let csrf: string | undefined;
  return {
    user,
    session,
    token,
    get frame() {
      csrf ??= reply.csrfToken();
      return { name: user.firstName, csrf };
    },
  };
}

/** The session guards routes declare (`{ preHandler: app.requireSignIn }`), and `request.who` they set. */
export const sessionsPlugin = fp(
  async (app, { deps }: WithDeps) => {
    app.decorateRequest('who', null);
    app.decorate('withSession', async (request: FastifyRequest, reply: FastifyReply) => {
      request.who = await lookUp(request, reply, deps);
    });
    app.decorate('requireSignIn', async (request: FastifyRequest, reply: FastifyReply) => {
      request.who = await lookUp(request, reply, deps);
      if (!request.who) return reply.goTo('/cas/login');
    });
    app.decorate('requireSignInForJson', async (request: FastifyRequest, reply: FastifyReply) => {
      request.who = await lookUp(request, reply, deps);
      if (!request.who) return apiFail(reply, 404, 'not-found', 'Not found');
    });
  },
  { name: 'sidekey-sessions', dependencies: ['sidekey-csrf'] },
);

/** The signed-in user of a route behind `requireSignIn` or `requireSignInForJson`. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.who) throw new Error(`${request.routeOptions.url} has no session guard`);
  return request.who;
}

export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  { config, store }: Deps,
  user: User,
  strength: string,
): Promise<void> {
  const old = readCookie(request, config, 'session');
  if (looksLikeToken(old)) await store.sessions.delete(old);
  const token = newToken();
  await store.sessions.create(token, user.uid, strength, SESSION_IDLE_MS);
  setCookie(reply, config, 'session', token);
  // From now on the pages speak the user's e-mail language.
  rememberLanguage(reply, config, user.language);
}

export async function endSession(request: FastifyRequest, reply: FastifyReply, { config, store }: Deps): Promise<void> {
  const token = readCookie(request, config, 'session');
  if (looksLikeToken(token)) await store.sessions.delete(token);
  clearCookie(reply, config, 'session');
  forgetLanguage(reply, config);
}

/** Who and where, for the activity log and throttling. */
export function clientContext(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300) };
}
