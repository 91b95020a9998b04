/**
 * The server's cookies: HttpOnly, SameSite=Lax, Secure under HTTPS, path /.
 * Names carry the __Host- prefix under HTTPS (RFC 6265bis §4.1.3.2), which
 * browsers accept only from a secure origin without a Domain.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../../platform/config';

export type CookieName = 'session' | 'csrf' | 'login';

export function cookieName(config: ServerConfig, name: CookieName): string {
  return config.publicUrl.startsWith('https:') ? `__Host-sk_${name}` : `sk_${name}`;
}

export function readCookie(request: FastifyRequest, config: ServerConfig, name: CookieName): string | undefined {
  return request.cookies[cookieName(config, name)];
}

/**
 * Every cookie's attributes, for setting and deleting alike: a browser ignores a `__Host-`
 * cookie's deletion that lacks `Secure` (RFC 6265bis §4.1.3.2), and the session would outlive
 * sign-out.
 */
export const cookieOptions = (config: ServerConfig) =>
  ({ httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https:'), path: '/' }) as const;

export function setCookie(
  reply: FastifyReply,
  config: ServerConfig,
  name: CookieName,
  value: string,
  maxAgeSeconds?: number,
) {
  reply.setCookie(cookieName(config, name), value, {
    ...cookieOptions(config),
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  });
}

export function clearCookie(reply: FastifyReply, config: ServerConfig, name: CookieName) {
  reply.clearCookie(cookieName(config, name), cookieOptions(config));
}
