/** `reply.html(markup)`: a page, typed as HTML in UTF-8 (the one place that says so). */
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    html(markup: string): FastifyReply;
  }
}

export const HTML_TYPE = 'text/html; charset=utf-8';

export function registerHtmlReplies(app: FastifyInstance): void {
  app.decorateReply('html', function (this: FastifyReply, markup: string) {
    return this.type(HTML_TYPE).send(markup);
  });
}
