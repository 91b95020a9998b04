/**
 * CSRF protection for every form (OWASP "signed double-submit cookie" without
 * the signature, which HttpOnly + SameSite=Lax make unnecessary here): a random
 * token lives in an HttpOnly cookie and in a hidden field of each form; a POST
 * must carry both, equal. A cross-site Origin header is refused outright.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newToken, looksLikeToken, safeEqual } from '../../platform/tokens';
import type { ServerConfig } from '../../platform/config';
import { cookieName, readCookie, setCookie } from './cookies';

export const CSRF_FIELD = 'csrf';

/** The token to put in the page's forms; sets the cookie when the browser has none. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, config: ServerConfig): string {
  const existing = readCookie(request, config, 'csrf');
  if (looksLikeToken(existing)) return existing;
  const token = newToken();
  setCookie(reply, config, 'csrf', token);
  // Later calls in the same request reuse it.
  request.cookies[cookieName(config, 'csrf')] = token;
  return token;
}

export function checkCsrf(request: FastifyRequest, config: ServerConfig, formToken: unknown): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== config.publicUrl) return false;
  const cookie = readCookie(request, config, 'csrf');
  return looksLikeToken(cookie) && typeof formToken === 'string' && safeEqual(cookie, formToken);
}
