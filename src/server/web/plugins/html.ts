/** `reply.html(markup)`: a page, typed as HTML in UTF-8 (the one place that says so). */
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    html(markup: string): FastifyReply;
  }
}

export const HTML_TYPE = 'text/html; charset=utf-8';

export const htmlPlugin = fp(
  async (app) => {
    app.decorateReply('html', function (this: FastifyReply, markup: string) {
      return this.type(HTML_TYPE).send(markup);
    });
  },
  { name: 'sidekey-html' },
);
