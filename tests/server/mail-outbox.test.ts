/**
 * Mail that is never lost, against a real SMTP server that fails the ways real ones do: accepts
 * and never greets (a frozen TCP proxy in front), stalls after DATA, refuses for good (550), or is
 * simply down. Every request that sends mail answers at once and the same way; the outbox keeps
 * the mail (sealed) until it is delivered, tries again with backoff, gives up at its deadline where
 * an operator sees it, survives a shutdown, and with several instances sends each mail once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { mailTo, queueMailJob } from '../../src/server/domain/mail-jobs';
import { startMailQueue } from '../../src/server/domain/mail-queue';
import type { MailDelivery } from '../../src/server/domain/mail-sender';
import type { Log } from '../../src/server/platform/log';
import { SMTP_TIMEOUTS } from '../../src/server/platform/mailer';
import { createSecretBox } from '../../src/server/platform/secret-box';
import { testConfig } from '../fixtures/config';
import { linkIn, smtpBehindProxyForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { PUBLIC_URL, startTestApp, submitRegistration, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

/** Short, so each outage is short: the production values are MAIL_DELIVERY's. */
const DELIVERY: Partial<MailDelivery> = {
  firstRetryMs: 150,
  maxRetryMs: 300,
  attemptMs: 1000,
  leaseMs: 3000,
  pollMs: 300,
  stopMs: 400,
};
/** What the request itself may take at most: far below the mail server's timeouts it used to wait for. */
const AT_ONCE_MS = SMTP_TIMEOUTS.greetingTimeout / 2;

function recordingLog() {
  const lines: { level: keyof Log; message: string; details: object }[] = [];
  const at = (level: keyof Log) => (details: object, message: string) => void lines.push({ level, message, details });
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, log };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const mailServer = smtpBehindProxyForThisFile();

for (const backend of backends) {
  describe(`the mail outbox [${backend.name}]`, () => {
    let t: TestApp;
    let logged: ReturnType<typeof recordingLog>;
    const rows = () =>
      t.store.sql.all<{ kind: string; sealed: string; attempts: number; last_error: string | null }>(
        'SELECT kind, sealed, attempts, last_error FROM mail_outbox ORDER BY created_at',
      );
    const start = async (delivery: Partial<MailDelivery> = {}) => {
      logged = recordingLog();
      t = await startTestApp(
        backend,
        { ...mailServer.sink, url: mailServer.url },
        {},
        { delivery: { ...DELIVERY, ...delivery }, log: logged.log },
      );
    };

    /** The mails of this test (the sink serves the whole file). */
    let mailsBefore = 0;
    const newMails = () => mailServer.sink.mails.slice(mailsBefore);
    beforeEach(() => {
      mailsBefore = mailServer.sink.mails.length;
      mailServer.sink.mode = 'accept';
      mailServer.proxy.thaw();
      mailServer.proxy.restore();
    });
    afterEach(() => t.close());

    it('answers every mail request at once and alike while the mail server never greets, and delivers all of it once it is back', async () => {
      await start();
      const anna = await seedUser(t.store, 'Correct horse 42', `anna-${backend.name}@example.eu`);
      mailServer.proxy.freeze(); // connections are accepted; the greeting never comes
      const person = { firstName: 'New', lastName: 'Person' };
      const fresh = await timed(() => submitRegistration(t.client(), { ...person, email: 'fresh@example.eu' }));
      const known = await timed(() => submitRegistration(t.client(), { ...person, email: anna.email }));
      const reset = (identifier: string) =>
        timed(async () => {
          const client = t.client();
          await client.get('/cas/password/request');
          return client.post('/cas/password/request', { identifier });
        });
      const resetKnown = await reset(anna.email);
      const resetUnknown = await reset('nobody@example.eu');
      for (const answer of [fresh, known, resetKnown, resetUnknown]) {
        expect(answer.value.statusCode).toBe(200);
        expect(answer.ms).toBeLessThan(AT_ONCE_MS);
      }
      const page = (body: string, email: string) =>
        body.replaceAll(email, 'ADDRESS').replace(/name="csrf" value="[^"]+"/, 'name="csrf"');
      expect(page(known.value.body, anna.email)).toBe(page(fresh.value.body, 'fresh@example.eu'));
      expect(page(resetKnown.value.body, anna.email)).toBe(page(resetUnknown.value.body, 'nobody@example.eu'));

      // The mails wait, sealed: no address, name or link in the store's rows.
      // Each request worked out into its mail (none for the unknown identifier), each attempt failing.
      await expect
        .poll(async () => (await rows()).map((row) => `${row.kind} ${row.last_error !== null}`), { timeout: 10_000 })
        .toEqual(['mail true', 'mail true', 'mail true']);
      // Sealed: base64url, which has no '@', '/', '?', '=' or space — what an address, a link or JSON has.
      for (const row of await rows()) expect(row.sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(newMails()).toHaveLength(0);

      mailServer.proxy.thaw();
      const registration = await mailServer.sink.nextFor('fresh@example.eu', 10_000);
      expect(registration.subject).toBe('Your EU Login account: create your password');
      const subjects = [
        (await mailServer.sink.nextFor(anna.email, 10_000)).subject,
        (await mailServer.sink.nextFor(anna.email)).subject,
      ];
      expect(subjects.sort()).toEqual(['EU Login: your new password link', 'Your EU Login account already exists']);
      // The link mailed after the outage works.
      const link = linkIn(registration, PUBLIC_URL);
      expect((await t.client().get(link.slice(PUBLIC_URL.length))).body).toContain('<h1>New password</h1>');
      await t.idle();
      expect(await rows()).toEqual([]);
      expect(newMails().filter((mail) => mail.envelopeTo.includes('nobody@example.eu'))).toEqual([]);
      expect(logged.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toContain(
        'mail not delivered yet',
      );
    });

    it('sends again a mail the server stalled on after DATA', async () => {
      await start();
      mailServer.sink.mode = 'stall-after-data';
      const answer = await timed(() => submitRegistration(t.client(), { ...NEW, email: 'stalled@example.eu' }));
      expect(answer.value.statusCode).toBe(200);
      expect(answer.ms).toBeLessThan(AT_ONCE_MS);
      await expect.poll(() => mailServer.sink.stalled, { timeout: 5000 }).toBeGreaterThan(0);
      mailServer.sink.mode = 'accept';
      expect((await mailServer.sink.nextFor('stalled@example.eu', 10_000)).subject).toBe(
        'Your EU Login account: create your password',
      );
      await t.idle();
      expect(await rows()).toEqual([]);
    });

    it('gives a mail up at its deadline: content erased, an error in the log, counted in /health', async () => {
      await start({ deadlineMs: 1200 });
      mailServer.proxy.cut(); // refused: the mail server is down
      expect((await submitRegistration(t.client(), { ...NEW, email: 'lost@example.eu' })).statusCode).toBe(200);
      await expect.poll(async () => (await t.store.mailOutbox.counts()).failed, { timeout: 8000 }).toBe(1);
      const [row] = await rows();
      expect(row!.sealed).toBe('');
      expect(row!.attempts).toBeGreaterThan(1);
      expect(row!.last_error).toBe('ESOCKET');
      // The log line follows the row's commit: on PostgreSQL the count can be read between the two.
      await expect.poll(() => logged.lines.some((line) => line.message === 'mail given up')).toBe(true);
      const givenUp = logged.lines.find((line) => line.message === 'mail given up');
      expect(givenUp).toMatchObject({ level: 'error', details: { kind: 'mail', reason: 'ESOCKET' } });
      expect(JSON.stringify(logged.lines)).not.toContain('lost@example.eu');
      const health = await t.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', mail: { waiting: 0, failed: 1 } });
    });

    it('gives a mail up at once when the mail server refuses it for good (550)', async () => {
      await start();
      mailServer.sink.mode = 'refuse-550';
      expect((await submitRegistration(t.client(), { ...NEW, email: 'refused@example.eu' })).statusCode).toBe(200);
      await expect.poll(async () => (await t.store.mailOutbox.counts()).failed, { timeout: 5000 }).toBe(1);
      expect(await rows()).toMatchObject([{ sealed: '', attempts: 1, last_error: 'SMTP 550 (EENVELOPE)' }]);
    });

    it('stops within its bound during an outage and leaves the mail to the next start', async () => {
      await start();
      mailServer.proxy.freeze();
      expect((await submitRegistration(t.client(), { ...NEW, email: 'restart@example.eu' })).statusCode).toBe(200);
      // An attempt is under way (the thread has started, worked the registration out, and connected).
      await expect.poll(async () => (await rows())[0]?.kind, { timeout: 5000 }).toBe('mail');
      const closing = await timed(() => t.app.close());
      expect(closing.ms).toBeLessThan(AT_ONCE_MS);
      expect(logged.lines.map((line) => line.message)).toContain(
        'shutdown: the mail under way is left to the next start',
      );
      // Freed for the next start, the attempt not counted.
      expect(await rows()).toMatchObject([{ kind: 'mail', attempts: 0 }]);

      mailServer.proxy.thaw();
      const config = testConfig({ PUBLIC_URL, SMTP_URL: mailServer.url });
      const mail = startMailQueue({ config, store: t.store, log: recordingLog().log, delivery: DELIVERY });
      const again = await buildApp({ config, store: t.store, mail });
      t.app = again; // closed by afterEach
      expect((await mailServer.sink.nextFor('restart@example.eu', 10_000)).subject).toBe(
        'Your EU Login account: create your password',
      );
    });

    it('does not deliver a row that was tampered with or moved', async () => {
      await start();
      const secrets = createSecretBox(testConfig().secretKey!);
      const deps = { secrets, now: Date.now };
      await queueMailJob(t.store, deps, mailTo('one@example.eu', { subject: 'One', text: 'one' }));
      await queueMailJob(t.store, deps, mailTo('two@example.eu', { subject: 'Two', text: 'two' }));
      // The second row given the first's sealed content: it no longer opens under its own id.
      await t.store.sql.run(
        `UPDATE mail_outbox SET sealed = (SELECT sealed FROM mail_outbox WHERE sealed <> '' ORDER BY id LIMIT 1)`,
      );
      mailServer.proxy.thaw();
      t.mail.wake();
      await expect.poll(async () => t.store.mailOutbox.counts(), { timeout: 5000 }).toEqual({ waiting: 0, failed: 1 });
      // The row that kept its own content went out; the other was given up unread, not sent as the first.
      expect(
        newMails()
          .map((mail) => mail.subject)
          .filter((subject) => subject === 'One' || subject === 'Two'),
      ).toHaveLength(1);
      expect(await rows()).toMatchObject([{ sealed: '', last_error: 'unreadable job (Error)' }]);
    });
  });
}

const NEW = { firstName: 'New', lastName: 'Person' };
