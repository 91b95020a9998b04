/**
 * `reply.html(markup)`: a page, typed as HTML in UTF-8 (the one place that says so); and
 * `reply.goTo(location)`: every redirect of the server's pages (303 See Other), through one check.
 */
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    html(markup: string): FastifyReply;
    goTo(location: string): FastifyReply;
  }
}

export const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * A Location header Sidekey will send: a path of this server (`/…`, never `//…` or `/\\…`, which a
 * browser reads as another host), or an absolute http(s) URL already normalised (relying parties'
 * service URLs: domain/cas/services.ts). Either in printable ASCII only — a line break or any
 * other control character would split the header or fail it (Node's ERR_INVALID_CHAR), a U+2028
 * would be sent raw. Anything else is not sent: the user lands on the sign-in page instead.
 */
export function safeLocation(location: string): string {
  if (!/^[\x21-\x7e]+$/.test(location)) return '/cas/login';
  if (location.startsWith('/')) return /^\/[/\\]/.test(location) ? '/cas/login' : location;
  return URL.canParse(location) && /^https?:$/.test(new URL(location).protocol) ? location : '/cas/login';
}

export const htmlPlugin = fp(
  async (app) => {
    app.decorateReply('html', function (this: FastifyReply, markup: string) {
      return this.type(HTML_TYPE).send(markup);
    });
    app.decorateReply('goTo', function (this: FastifyReply, location: string) {
      return this.redirect(safeLocation(location), 303);
    });
  },
  { name: 'sidekey-html' },
);
