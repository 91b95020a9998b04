/**
 * The development outbox: mails shown decoded with their links clickable, and
 * only to clients on this machine (it holds every password link).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { linkify } from '../../src/server/web/routes/outbox';
import { testConfig } from '../fixtures/config';
import { backends } from '../fixtures/stores';
import { PUBLIC_URL, submitRegistration } from '../fixtures/test-app';
import { WebClient } from '../fixtures/web-client';

const ANNA = { firstName: 'Anna', lastName: "O'Neil & Söhne", email: 'anna.oneil@example.eu' };

for (const backend of backends) {
  describe(`development outbox [${backend.name}]`, () => {
    let app: FastifyInstance;
    let dataDir: string;
    let dispose: () => Promise<void>;
    const outbox = () => path.join(dataDir, 'outbox');
    const get = (url: string, remoteAddress = '127.0.0.1') => app.inject({ method: 'GET', url, remoteAddress });
    /** The one mail's file, once the mail sender's thread has written it (just after the answer). */
    const mailFile = async () => {
      const files = () => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()) : []);
      await expect.poll(files, { timeout: 10_000 }).toHaveLength(1);
      return files()[0]!;
    };

    beforeEach(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-outbox-'));
      const opened = await backend.open();
      dispose = opened.dispose;
      app = await buildApp({
        config: testConfig({ DATA_DIR: dataDir, PUBLIC_URL, CAPTCHA_TEST_MODE: '1' }),
        store: opened.store,
      });
    });
    afterEach(async () => {
      await app.close();
      await dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('shows the mail decoded, and its link leads to the New password page', async () => {
      // Empty, the list looks again by itself: the mail is written just after the answer.
      expect((await get('/dev/outbox')).body).toContain('<meta http-equiv="refresh" content="2">');
      const client = new WebClient(app);
      await submitRegistration(client, ANNA);
      const file = await mailFile();
      expect((await get('/dev/outbox')).body).not.toContain('http-equiv="refresh"');
      // The file is what SMTP would carry: quoted-printable with soft line breaks in the link.
      expect(fs.readFileSync(path.join(outbox(), file), 'utf8')).toMatch(/=3D|=\n/);

      const list = await get('/dev/outbox');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('anna.oneil@example.eu');
      expect(list.body).toContain(`<a href="/dev/outbox/${file}">Your EU Login account: create your password</a>`);

      const mail = await get(`/dev/outbox/${file}`);
      expect(mail.statusCode).toBe(200);
      expect(mail.body).toContain('<dt>To</dt><dd>anna.oneil@example.eu</dd>');
      expect(mail.body).not.toContain('=3D');
      const href = /<a href="(http:\/\/localhost:8080\/cas\/password\/new\?token=[A-Za-z0-9_-]+)">/.exec(
        mail.body,
      )?.[1];
      expect(href).toBeDefined();
      const landing = await client.get(href!.slice(PUBLIC_URL.length));
      expect(landing.statusCode).toBe(200);
      expect(landing.body).toContain('<h1>New password</h1>');

      const raw = await get(`/dev/outbox/${file}?raw=1`);
      expect(raw.headers['content-type']).toContain('text/plain');
      expect(raw.body).toContain('Content-Transfer-Encoding: quoted-printable');
    });

    it('answers only to clients on this machine', async () => {
      await submitRegistration(new WebClient(app), ANNA);
      const file = await mailFile();
      for (const remote of ['203.0.113.9', '10.0.0.2', '::ffff:192.0.2.1', '2001:db8::1']) {
        for (const url of ['/dev/outbox', `/dev/outbox/${file}`, `/dev/outbox/${file}?raw=1`]) {
          const res = await get(url, remote);
          expect(res.statusCode, `${url} from ${remote}`).toBe(404);
          expect(res.body).not.toContain('token=');
        }
      }
      for (const local of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) {
        expect((await get('/dev/outbox', local)).statusCode, local).toBe(200);
      }
      // A header cannot make a remote client local (trustProxy is off).
      const forwarded = await app.inject({
        method: 'GET',
        url: '/dev/outbox',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
      });
      expect(forwarded.statusCode).toBe(404);
    });

    it('refuses hostile names and survives broken or huge files', async () => {
      fs.mkdirSync(outbox(), { recursive: true });
      fs.writeFileSync(path.join(outbox(), 'broken.eml'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a, 0x0a, 0x3d]));
      fs.writeFileSync(path.join(outbox(), 'huge.eml'), Buffer.alloc(2 * 1024 * 1024, 0x41));
      fs.writeFileSync(
        path.join(outbox(), 'hostile.eml'),
        'Subject: <script>alert(1)</script>\nTo: x@example.eu\n\nSee javascript:alert(1) and <b>http://localhost:8080/x"onmouseover="y</b>\n',
      );
      expect((await get('/dev/outbox')).statusCode).toBe(200);
      expect((await get('/dev/outbox/broken.eml')).statusCode).toBe(200);
      expect((await get('/dev/outbox/huge.eml')).body).toContain('(too large to show)');
      const hostile = await get('/dev/outbox/hostile.eml');
      expect(hostile.body).not.toContain('<script>');
      expect(hostile.body).not.toContain('href="javascript');
      expect(hostile.body).toContain('<a href="http://localhost:8080/x">');
      for (const url of [
        '/dev/outbox/..%2F..%2Fetc%2Fpasswd',
        '/dev/outbox/x.txt',
        '/dev/outbox/..%2Fsidekey.sqlite?raw=1',
      ]) {
        expect((await get(url)).statusCode, url).toBe(404);
      }
    });
  });
}

describe('linkify', () => {
  it('links http(s) URLs only, without trailing punctuation, and escapes the rest', () => {
    expect(String(linkify('Open https://a.example/p?x=1&y=2. Then <go>'))).toBe(
      'Open <a href="https://a.example/p?x=1&amp;y=2">https://a.example/p?x=1&amp;y=2</a>. Then &lt;go&gt;',
    );
    expect(String(linkify('ftp://a.example javascript:alert(1)'))).toBe('ftp://a.example javascript:alert(1)');
  });
});
