/**
 * The outbox as operators meet it: the real server process stopped with SIGTERM while the mail
 * server never greets (it exits 0 within Fastify's close limit, and the mail goes out after the
 * next start), and several instances on one PostgreSQL database sending each mail exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailTo, queueMailJob } from '../../src/server/domain/mail-jobs';
import { startMailQueue } from '../../src/server/domain/mail-queue';
import type { Log } from '../../src/server/platform/log';
import { createSecretBox } from '../../src/server/platform/secret-box';
import { openSideStore, openStore } from '../../src/server/store/store';
import { testConfig } from '../fixtures/config';
import { linkIn, smtpBehindProxyForThisFile } from '../fixtures/smtp-sink';
import { postgresBackend } from '../fixtures/stores';
import { PUBLIC_URL } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

const root = path.resolve(import.meta.dirname, '../..');
/** Fastify's close timeout (avvio's): a shutdown past it ends in AVV_ERR_READY_TIMEOUT and exit 1. */
const CLOSE_LIMIT_MS = 10_000;

const mailServer = smtpBehindProxyForThisFile();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run server` with these settings, once it answers /health. */
async function serve(env: Record<string, string>, port: number) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH!, PORT: String(port), LOG_FORMAT: 'json', ...env },
  });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect
    .poll(
      () =>
        fetch(`http://localhost:${port}/health`).then(
          (res) => res.status,
          () => 0,
        ),
      { timeout: 20_000 },
    )
    .toBe(200);
  return { child, exited, output: () => stdout };
}

describe('the server process [sqlite]', () => {
  it('exits 0 within the close limit on SIGTERM while the mail server never greets, and sends the mail after the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-sigterm-'));
    const file = path.join(dataDir, 'sidekey.sqlite');
    const seeded = await openStore({ kind: 'sqlite', file });
    const user = await seedUser(seeded, 'Correct horse 42', 'sigterm@example.eu');
    await seeded.close();
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}` };
    try {
      mailServer.proxy.freeze();
      const first = await serve({ ...env, SMTP_URL: mailServer.url }, port);
      // Ask for a password link as a browser does: the form's CSRF cookie and field.
      const form = await fetch(`http://localhost:${port}/cas/password/request`);
      const cookie = form.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const sent = await fetch(`http://localhost:${port}/cas/password/request`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, identifier: user.email }).toString(),
      });
      expect(sent.status).toBe(200);
      // The thread has worked the request out into its mail, and holds it while it waits for the greeting.
      const watch = await openSideStore({ kind: 'sqlite', file }, Date.now);
      const underWay = () =>
        watch.sql.get<{ kind: string; lease_until: number }>('SELECT kind, lease_until FROM mail_outbox');
      await expect.poll(underWay, { timeout: 10_000 }).toMatchObject({ kind: 'mail' });
      expect((await underWay())!.lease_until).toBeGreaterThan(Date.now());
      await watch.close();

      const stopping = performance.now();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(performance.now() - stopping).toBeLessThan(CLOSE_LIMIT_MS);
      expect(first.output()).toContain('shutdown: the mail under way is left to the next start');
      expect(first.output()).not.toContain('AVV_ERR_READY_TIMEOUT');

      const store = await openStore({ kind: 'sqlite', file });
      expect(await store.mailOutbox.counts()).toEqual({ waiting: 1, failed: 0 });
      await store.close();

      mailServer.proxy.thaw();
      const second = await serve({ ...env, SMTP_URL: mailServer.sink.url }, port);
      const mail = await mailServer.sink.nextFor(user.email, 15_000);
      expect(mail.subject).toBe('EU Login: your new password link');
      expect(linkIn(mail, `http://localhost:${port}`)).toMatch(/\/cas\/password\/new\?token=/);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      mailServer.proxy.thaw();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000); // two starts of the real process, on a machine shared with the other suites
});

describe.skipIf(process.env.SIDEKEY_SKIP_POSTGRES === '1')('several instances on one database [postgres]', () => {
  it('sends each mail once, whichever instance takes it', async () => {
    const opened = await postgresBackend.open();
    const other = await opened.another!();
    const config = testConfig({ PUBLIC_URL, SMTP_URL: mailServer.sink.url });
    const delivered = [0, 0];
    const logTo = (instance: number): Log => ({
      debug: () => undefined,
      info: (_details, message) => void (message === 'mail delivered' && delivered[instance]!++),
      warn: () => undefined,
      error: (details, message) => console.error(message, details),
    });
    const delivery = { pollMs: 200 };
    const queues = [opened.store, other].map((store, i) => startMailQueue({ config, store, log: logTo(i), delivery }));
    mailServer.sink.skipEarlier();
    mailServer.sink.delayMs = 40; // a slow mail server, so both instances are busy at once
    try {
      const deps = { secrets: createSecretBox(config.secretKey!), now: Date.now };
      const count = 40;
      for (let i = 0; i < count; i++)
        await queueMailJob(opened.store, deps, mailTo(`many${i}@example.eu`, { subject: `Mail ${i}`, text: 'x' }));
      for (const queue of queues) queue.wake();
      await expect.poll(() => delivered[0]! + delivered[1]!, { timeout: 30_000 }).toBe(count);
      await Promise.all(queues.map((queue) => queue.settle()));
      const subjects = mailServer.sink.mails
        .map((mail) => mail.subject)
        .filter((subject) => subject?.startsWith('Mail '));
      expect(subjects).toHaveLength(count);
      expect(new Set(subjects).size).toBe(count);
      expect(delivered.every((n) => n > 0)).toBe(true);
      expect(await opened.store.mailOutbox.counts()).toEqual({ waiting: 0, failed: 0 });
    } finally {
      mailServer.sink.delayMs = 0;
      await Promise.all(queues.map((queue) => queue.stop()));
      await opened.dispose();
    }
  });
});
