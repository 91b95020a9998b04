/**
 * CSRF protection for every form (OWASP "signed double-submit cookie" without
 * the signature, which HttpOnly + SameSite=Lax make unnecessary here): a random
 * token lives in an HttpOnly cookie and in a hidden field of each form; a POST
 * must carry both, equal. A cross-site Origin header is refused outright.
 *
 * One preValidation hook checks every form post of the pages' scope (app.ts), so no page
 * route can forget it; pages get their token from `reply.csrfToken()`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tr } from '../../i18n/catalogue';
import type { ServerConfig } from '../../platform/config';
import { looksLikeToken, newToken, safeEqual } from '../../platform/tokens';
import { CSRF_FIELD } from '../views/forms';
import { messagePage } from '../views/login';
import { cookieName, readCookie, setCookie } from './cookies';
import { safeLocation } from './html';

declare module 'fastify' {
  interface FastifyReply {
    /** The token to put in the page's forms; sets the cookie when the browser has none. */
    csrfToken(): string;
  }
}

function csrfToken(request: FastifyRequest, reply: FastifyReply, config: ServerConfig): string {
  const existing = readCookie(request, config, 'csrf');
  if (looksLikeToken(existing)) return existing;
  const token = newToken();
  setCookie(reply, config, 'csrf', token);
  // Later calls in the same request reuse it.
  request.cookies[cookieName(config, 'csrf')] = token;
  return token;
}

function checkCsrf(request: FastifyRequest, config: ServerConfig, formToken: unknown): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== config.publicUrl) return false;
  const cookie = readCookie(request, config, 'csrf');
  return looksLikeToken(cookie) && typeof formToken === 'string' && safeEqual(cookie, formToken);
}

/** Where "Try again" leads: the page the form was on (same origin only), else home. */
function formPage(request: FastifyRequest, config: ServerConfig): string {
  try {
    const referer = new URL(String(request.headers.referer ?? ''));
    // A path of this server only: `//evil.example/x` as a path would be a link off-site.
    if (referer.origin === config.publicUrl) return safeLocation(referer.pathname + referer.search);
  } catch {
    // no or malformed Referer
  }
  return '/';
}

/** At the root: every page's forms get their token (`reply.csrfToken()`), the session's frame too. */
export const csrfTokensPlugin = fp(
  async (app, { config }: { config: ServerConfig }) => {
    app.decorateReply('csrfToken', function (this: FastifyReply) {
      return csrfToken(this.request, this, config);
    });
  },
  { name: 'sidekey-csrf', dependencies: ['@fastify/cookie'] },
);

/**
 * In the pages' scope: every form post is checked after body parsing (the token is a form field)
 * and before the route's schema (which keeps only its own fields) or any handler runs.
 */
export const csrfCheckPlugin = fp(
  async (app, { config }: { config: ServerConfig }) => {
    app.addHook('preValidation', async (request, reply) => {
      // Registered in the pages' scope only: the JSON scope has tokens and device signatures, no forms.
      if (request.method !== 'POST') return;
      const body = request.body as Record<string, unknown> | undefined;
      if (checkCsrf(request, config, body?.[CSRF_FIELD])) return;
      request.log.info({ origin: request.headers.origin }, 'form refused: CSRF token or origin wrong');
      return reply.code(403).html(
        messagePage(tr('requestNotProcessed'), tr('sessionExpired'), {
          href: formPage(request, config),
          label: tr('startAgain'),
        }),
      );
    });
  },
  { name: 'sidekey-csrf-check', dependencies: ['sidekey-csrf', 'sidekey-html'] },
);
