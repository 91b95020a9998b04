/**
 * The answers to what no route answers: an error thrown anywhere (client
 * errors keep their short, non-revealing message; server errors say nothing of
 * their cause and are logged) and unknown paths. JSON routes — the API, /health
 * and the routes that say `config: { json: true }` (the waiting pages' long
 * polls) — answer in the one JSON error shape, `{ error, code }` (apiError in
 * core/enrolment-api.ts), whatever failed, Fastify's own checks included; pages
 * answer in HTML.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tr } from '../../i18n/catalogue';
import { messagePage } from '../views/login';
import { apiFail, type ApiCode } from './json-api';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers JSON (its errors too), though its path is not under /api/. */
    json?: boolean;
  }
}

const wantsJson = (request: FastifyRequest) =>
  request.routeOptions.config?.json === true || request.url.startsWith('/health') || request.url.startsWith('/api/');

/** The machine-readable code of an HTTP status, for the errors no route chose a code for. */
const codeOf = (status: number): ApiCode =>
  status === 404 ? 'not-found' : status === 429 ? 'throttled' : status >= 500 ? 'internal' : 'invalid';

export const errorPagesPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'request failed');
      const message = status === 500 ? 'Internal server error' : error.message;
      if (wantsJson(request)) return apiFail(reply, status, codeOf(status), message.slice(0, 300));
      const title = status === 500 ? tr('somethingWrong') : tr('requestNotProcessed');
      return reply.code(status).html(messagePage(title, message, { href: '/', label: tr('home') }));
    });
    app.setNotFoundHandler((request, reply) =>
      wantsJson(request)
        ? apiFail(reply, 404, 'not-found', 'Not found')
        : reply.code(404).html(messagePage(tr('pageNotFound'), tr('noPageHere'), { href: '/', label: tr('home') })),
    );
  },
  { name: 'sidekey-error-pages' },
);
