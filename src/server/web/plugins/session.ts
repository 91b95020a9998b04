/**
 * Signed-in sessions over the store: a new random session at every sign-in
 * (no fixation), 30 minutes idle timeout, 12 hours at most.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newToken, looksLikeToken } from '../../platform/tokens';
import type { Session } from '../../store/sessions';
import { clearCookie, readCookie, setCookie } from './cookies';
import { csrfToken } from './csrf';
import type { Deps } from '../../domain/deps';
import { forgetLanguage, rememberLanguage } from '../../i18n/language';

export const SESSION_IDLE_MS = 30 * 60_000;
/** Sensitive changes (password, devices) need a sign-in at most this old. */
export const FRESH_MS = 10 * 60_000;

export async function currentSession(request: FastifyRequest, { config, store }: Deps): Promise<Session | undefined> {
  const token = readCookie(request, config, 'session');
  if (!looksLikeToken(token)) return undefined;
  return store.sessions.touch(token, SESSION_IDLE_MS);
}

export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  { config, store }: Deps,
  uid: string,
  strength: string,
): Promise<void> {
  const old = readCookie(request, config, 'session');
  if (looksLikeToken(old)) await store.sessions.delete(old);
  const token = newToken();
  await store.sessions.create(token, uid, strength, SESSION_IDLE_MS);
  setCookie(reply, config, 'session', token);
  // From now on the pages speak the user's e-mail language.
  const user = await store.users.byUid(uid);
  if (user) rememberLanguage(reply, config, user.language);
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

/** The signed-in user with their session and its cookie token, or undefined. */
export async function signedInUser(request: FastifyRequest, deps: Deps) {
  const token = readCookie(request, deps.config, 'session');
  if (!looksLikeToken(token)) return undefined;
  const session = await deps.store.sessions.touch(token, SESSION_IDLE_MS);
  const user = session && (await deps.store.users.byUid(session.uid));
  return user && session ? { user, session, token } : undefined;
}

/**
 * For pages behind sign-in: the signed-in user with what the page frame needs (name, CSRF token),
 * or undefined after redirecting to the sign-in page.
 */
export async function signedInPage(request: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const who = await signedInUser(request, deps);
  if (!who) {
    await reply.redirect('/cas/login', 303);
    return undefined;
  }
  return { ...who, signedIn: { name: who.user.firstName, csrf: csrfToken(request, reply, deps.config) } };
}
