/**
 * The page language of each request (i18n/language.ts says how it is chosen),
 * and the `sk_lang` cookie that keeps the user's e-mail language after sign-in.
 */
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { asPageLanguage, fromAcceptLanguage, inLanguage } from '../../i18n/language';
import type { ServerConfig } from '../../platform/config';
import { cookieName, cookieOptions } from './cookies';

const LANG_COOKIE = 'lang';

export const pageLanguagePlugin = fp(
  async (app, { config }: { config: ServerConfig }) => {
    app.addHook('onRequest', (request, _reply, done) => {
      const chosen =
        asPageLanguage(request.cookies?.[langCookieName(config)]) ??
        fromAcceptLanguage(request.headers['accept-language']) ??
        'en';
      inLanguage(chosen, done);
    });
  },
  { name: 'sidekey-page-language' },
);

const langCookieName = (config: ServerConfig) => cookieName(config, 'session').replace('session', LANG_COOKIE);

/** At sign-in: pages follow the user's e-mail language from now on (not a secret; readable by the page is fine). */
export function rememberLanguage(reply: FastifyReply, config: ServerConfig, language: string): void {
  const chosen = asPageLanguage(language);
  if (!chosen) return forgetLanguage(reply, config);
  reply.setCookie(langCookieName(config), chosen, cookieOptions(config));
}

export function forgetLanguage(reply: FastifyReply, config: ServerConfig): void {
  reply.clearCookie(langCookieName(config), cookieOptions(config));
}
