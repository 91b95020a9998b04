/** The landing page and the site's one stylesheet. */
import type { FastifyInstance } from 'fastify';
import { html, page } from '../views/layout';

const SITE_CSS = `:root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}
body{margin:0}header.site{padding:12px 24px;background:#0b3d91;color:#fff}
header.site a{color:#fff;font-weight:600;text-decoration:none;margin-right:12px}
main{max-width:40rem;margin:24px auto;padding:0 16px}.muted{opacity:.75}
:focus-visible{outline:3px solid #ffcc00;outline-offset:2px}`;

export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      page({
        title: 'Welcome',
        body: html`<h1>EU Login</h1>
<p>This is the Sidekey reference server: an identity provider in the manner of EU Login, with the Sidekey
extension as its second device.</p>`,
      }),
    ),
  );
  app.get('/static/site.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
  );
}
