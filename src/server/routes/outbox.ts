/**
 * The development outbox: with no SMTP server configured, mails are files in
 * DATA_DIR/outbox, listed here. Not registered in production mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { html, page } from '../views/layout';

const NAME = /^[\w.-]{1,100}\.eml$/;

export function registerOutboxRoutes(app: FastifyInstance, outboxDir: string): void {
  app.get('/dev/outbox', async (_request, reply) => {
    const files = fs.existsSync(outboxDir)
      ? fs
          .readdirSync(outboxDir)
          .filter((f) => NAME.test(f))
          .sort()
          .reverse()
      : [];
    const rows = files.map((file) => {
      const head = fs.readFileSync(path.join(outboxDir, file), 'utf8').split('\n\n')[0] ?? '';
      const header = (name: string) => head.match(new RegExp(`^${name}: (.*)$`, 'im'))?.[1] ?? '';
      return html`<tr><td><a href="/dev/outbox/${file}">${file}</a></td><td>${header('To')}</td><td>${header('Subject')}</td></tr>`;
    });
    return reply.type('text/html; charset=utf-8').send(
      page({
        title: 'Development outbox',
        body: html`<h1>Development outbox</h1>
<p>No SMTP server is configured (SMTP_URL), so mails are kept here, newest first, and as files in <code>${outboxDir}</code>.</p>
${rows.length ? html`<table><thead><tr><th>File</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>No mail yet.</p>`}`,
      }),
    );
  });
  app.get('/dev/outbox/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const full = path.join(outboxDir, file);
    if (!NAME.test(file) || !fs.existsSync(full)) return reply.code(404).send({ error: 'Not found' });
    return reply.type('text/plain; charset=utf-8').send(fs.readFileSync(full));
  });
}
