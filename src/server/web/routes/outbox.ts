/**
 * The development outbox: with no SMTP server configured, mails are files in
 * DATA_DIR/outbox, listed here decoded as a mail client shows them (RFC 2045
 * quoted-printable and RFC 2047 headers undone by mailparser), so a link can be
 * followed with a click. Not registered in production mode, and only ever
 * answered to clients on this machine (it shows every password link).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type AddressObject } from 'mailparser';
import { z } from 'zod';
import { loopbackOnly } from '../plugins/loopback';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { html, page, type SafeHtml } from '../views/layout';

const NAME = /^[\w.-]{1,100}\.eml$/;
/** Mails larger than this are listed but not parsed (ours are a few kB). */
const MAX_PARSED_BYTES = 1024 * 1024;

interface OutboxMail {
  file: string;
  subject: string;
  from: string;
  to: string;
  date: Date | undefined;
  text: string;
  html: string | undefined;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

/** The path of an outbox file by its listed name, or undefined (a hostile name, or no such file). */
function mailPath(outboxDir: string, file: string): string | undefined {
  const full = path.join(outboxDir, file);
  return NAME.test(file) && fs.existsSync(full) ? full : undefined;
}

async function readMail(outboxDir: string, file: string): Promise<OutboxMail | undefined> {
  const full = mailPath(outboxDir, file);
  if (!full) return undefined;
  const raw = fs.readFileSync(full);
  if (raw.length > MAX_PARSED_BYTES) {
    return { file, subject: '(too large to show)', from: '', to: '', date: undefined, text: '', html: undefined };
  }
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  return {
    file,
    subject: mail.subject ?? '',
    from: addresses(mail.from),
    to: addresses(mail.to),
    date: mail.date,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : undefined,
  };
}

/** The text with its http(s) URLs as links; everything else escaped. */
export function linkify(text: string): SafeHtml {
  const parts: (SafeHtml | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    parts.push(text.slice(last, match.index));
    const url = match[0].replace(/[.,;:!?]+$/, '');
    parts.push(html`<a href="${url}">${url}</a>`);
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

/** Registered in its own scope (not fastify-plugin'd), so the loopback check guards these routes alone. */
export async function outboxRoutes(scope: FastifyInstance, { outboxDir }: { outboxDir: string }) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', loopbackOnly);
  app.get('/dev/outbox', async (_request, reply) => {
    const files = fs.existsSync(outboxDir)
      ? fs
          .readdirSync(outboxDir)
          .filter((f) => NAME.test(f))
          .sort()
          .reverse()
          .slice(0, 200)
      : [];
    const mails = (await Promise.all(files.map((file) => readMail(outboxDir, file)))).filter((m) => m !== undefined);
    const rows = mails.map(
      (mail) =>
        html`<tr><td>${mail.date?.toISOString().replace('T', ' ').slice(0, 19) ?? ''}</td><td>${mail.to}</td><td><a href="/dev/outbox/${mail.file}">${mail.subject || '(no subject)'}</a></td></tr>`,
    );
    return reply.html(
      page({
        title: 'Development outbox',
        // Mail is written just after the answer that promised it (the mail sender's thread): an
        // empty list looks again by itself.
        refreshSeconds: rows.length ? undefined : 2,
        body: html`<h1>Development outbox</h1>
<p>No SMTP server is configured (SMTP_URL), so mails are kept here, newest first, and as files in <code>${outboxDir}</code>.</p>
${rows.length ? html`<table><thead><tr><th>Date (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>No mail yet. This page looks again every 2 seconds.</p>`}`,
      }),
    );
  });

  const mailSchema = {
    params: z.object({ file: z.string().max(200) }),
    querystring: z.object({ raw: z.unknown().optional() }),
  };
  app.get('/dev/outbox/:file', { schema: mailSchema }, async (request, reply) => {
    const { file } = request.params;
    const { raw } = request.query;
    const full = raw === '1' ? mailPath(outboxDir, file) : undefined;
    if (full) return reply.type('text/plain; charset=utf-8').send(fs.readFileSync(full));
    const mail = await readMail(outboxDir, file);
    if (!mail) return reply.callNotFound();
    return reply.html(
      page({
        title: mail.subject || 'Mail',
        body: html`<p><a href="/dev/outbox">← Development outbox</a></p>
<h1>${mail.subject || '(no subject)'}</h1>
<dl class="mail-headers">
<dt>From</dt><dd>${mail.from}</dd>
<dt>To</dt><dd>${mail.to}</dd>
<dt>Date</dt><dd>${mail.date?.toUTCString() ?? ''}</dd>
</dl>
<pre class="mail-text" data-testid="mail-text">${linkify(mail.text)}</pre>
${mail.html ? html`<h2>HTML part (shown as text)</h2><pre class="mail-html">${mail.html}</pre>` : ''}
<p><a href="/dev/outbox/${mail.file}?raw=1">Show the message as sent (raw)</a></p>`,
      }),
    );
  });
}
