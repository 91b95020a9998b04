/**
 * The answers to what no route answers: an error thrown anywhere (client
 * errors keep their short, non-revealing message; server errors say nothing of
 * their cause and are logged) and unknown paths. Machine-facing paths answer
 * in JSON, pages in HTML.
 */
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { tr } from '../../i18n/catalogue';
import { messagePage } from '../views/login';

const wantsJson = (url: string) => url.startsWith('/health') || url.startsWith('/api/');

export const errorPagesPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'request failed');
      const message = status === 500 ? 'Internal server error' : error.message;
      if (wantsJson(request.url)) return reply.code(status).send({ error: message });
      const title = status === 500 ? tr('somethingWrong') : tr('requestNotProcessed');
      return reply.code(status).html(messagePage(title, message, { href: '/', label: tr('home') }));
    });
    app.setNotFoundHandler((request, reply) =>
      wantsJson(request.url)
        ? reply.code(404).send({ error: 'Not found' })
        : reply.code(404).html(messagePage(tr('pageNotFound'), tr('noPageHere'), { href: '/', label: tr('home') })),
    );
  },
  { name: 'sidekey-error-pages' },
);
