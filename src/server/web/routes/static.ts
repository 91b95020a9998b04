/**
 * The pages' scripts and the site's one stylesheet, read once at start and
 * served as they are (the CSP allows no inline script, and scripts only from
 * this origin). The waiting pages' scripts come after what they share
 * (long-poll.js), in one file each. The WebAuthn page script is served as one file after
 * @simplewebauthn/browser's own bundle, which turns the server's JSON options
 * into the browser's call and its credential back into JSON in every browser
 * with WebAuthn — not only those with the Level 3 JSON helpers (older Safari
 * and Chrome lack them).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const view = (name: string) => fs.readFileSync(new URL(`../views/${name}`, import.meta.url), 'utf8');

/** The package's browser bundle (its exports map names only its modules; the bundle sits beside them). */
function simpleWebauthnBundle(): string {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  return fs.readFileSync(path.join(path.dirname(entry), '../dist/bundle/index.umd.min.js'), 'utf8');
}

export async function staticRoutes(app: FastifyInstance) {
  const scripts: Record<string, string> = {
    'enrolment-wait.js': `${view('long-poll.js')}\n${view('enrolment-wait.js')}`,
    'push-wait.js': `${view('long-poll.js')}\n${view('push-wait.js')}`,
    'webauthn.js': `${simpleWebauthnBundle()}\n${view('webauthn.js')}`,
  };
  for (const [name, script] of Object.entries(scripts)) {
    app.get(`/static/${name}`, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
    );
  }
  const css = view('site.css');
  app.get('/static/site.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
}
