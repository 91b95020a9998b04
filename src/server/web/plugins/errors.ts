/**
 * Errors, in the shape of the scope they happen in (app.ts registers pages and JSON as two
 * scopes). A client error keeps its short, non-revealing message; a server error says nothing of
 * its cause and is logged.
 * - `pageErrorsPlugin`, in the pages' scope: an HTML page.
 * - `jsonErrorsPlugin`, in the JSON scope (the API, /health, the waiting pages' long polls): the
 *   one JSON error shape `{ error, code }` (apiError in core/enrolment-api.ts), Fastify's own
 *   checks included.
 * - `unroutedErrorsPlugin`, at the root: what no route answers (an unknown path, a URL that does
 *   not parse). No scope is known there, so the path decides: JSON under /api/ and for /health.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tr } from '../../i18n/catalogue';
import { messagePage } from '../views/login';
import { apiFail, type ApiCode } from './json-api';

/** The machine-readable code of an HTTP status, for the errors no route chose a code for. */
const codeOf = (status: number): ApiCode =>
  status === 404 ? 'not-found' : status === 429 ? 'throttled' : status >= 500 ? 'internal' : 'invalid';

function statusAndMessage(error: FastifyError, request: FastifyRequest) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) request.log.error({ err: error }, 'request failed');
  return { status, message: status === 500 ? 'Internal server error' : error.message };
}

function jsonError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, message } = statusAndMessage(error, request);
  return apiFail(reply, status, codeOf(status), message.slice(0, 300));
}

function pageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, message } = statusAndMessage(error, request);
  const title = status === 500 ? tr('somethingWrong') : tr('requestNotProcessed');
  return reply.code(status).html(messagePage(title, message, { href: '/', label: tr('home') }));
}

export const pageErrorsPlugin = fp(
  async (app) => {
    app.setErrorHandler(pageError);
  },
  { name: 'sidekey-page-errors' },
);

export const jsonErrorsPlugin = fp(
  async (app) => {
    app.setErrorHandler(jsonError);
  },
  { name: 'sidekey-json-errors' },
);

const unroutedJson = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url.startsWith('/health');

export const unroutedErrorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) =>
      unroutedJson(request) ? jsonError(error, request, reply) : pageError(error, request, reply),
    );
    app.setNotFoundHandler((request, reply) =>
      unroutedJson(request)
        ? apiFail(reply, 404, 'not-found', 'Not found')
        : reply.code(404).html(messagePage(tr('pageNotFound'), tr('noPageHere'), { href: '/', label: tr('home') })),
    );
  },
  { name: 'sidekey-unrouted-errors' },
);
