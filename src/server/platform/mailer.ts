/**
 * Sends mail with nodemailer: over SMTP when SMTP_URL is set, otherwise into
 * the development outbox (DATA_DIR/outbox, one .eml file per mail, listed at
 * /dev/outbox) so `npm start` works without a mail server. Production requires SMTP.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { normaliseEmail } from './email-address';

/** Milliseconds: to connect, to be greeted, of silence on an open connection. A URL's own values win. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** What a mail says; the templates (domain/mail-templates.ts) write it in the user's language. */
export interface MailContent {
  subject: string;
  text: string;
}

export interface Mailer {
  send(to: string, content: MailContent): Promise<void>;
  close(): void;
}

/** The development outbox's folder, when mail goes there (no SMTP_URL). */
export function devOutboxDir(config: { mail: { smtpUrl?: string }; dataDir: string }): string | null {
  return config.mail.smtpUrl ? null : path.join(config.dataDir, 'outbox');
}

export function createMailer(options: { smtpUrl?: string; from: string; dataDir: string }): Mailer {
  if (options.smtpUrl) {
    // nodemailer waits up to 2 minutes to connect and 10 minutes on a silent socket by default;
    // a mail server that is down must fail a send in seconds (registration waits for it).
    const transport = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      async send(to, { subject, text }) {
        await transport.sendMail({ from: options.from, to: recipient(to), subject, text });
      },
      close: () => transport.close(),
    };
  }
  const outboxDir = devOutboxDir({ mail: options, dataDir: options.dataDir })!;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(to, { subject, text }) {
      const info = await transport.sendMail({ from: options.from, to: recipient(to), subject, text });
      fs.mkdirSync(outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      fs.writeFileSync(path.join(outboxDir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}

/**
 * The one mailbox a mail goes to, given as an address object so nodemailer does not parse the
 * text again (a list or a display name could otherwise add recipients); anything that is not
 * exactly one valid mailbox is refused before it reaches a transport.
 */
function recipient(to: string): { name: string; address: string } {
  if (normaliseEmail(to) !== to.trim().toLowerCase())
    throw new TypeError('Refusing to send mail to an invalid address');
  return { name: '', address: to.trim() };
}
