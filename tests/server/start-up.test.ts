/**
 * What an operator meets at start-up and from the load balancer: a data folder
 * that cannot be used and a listening address beyond loopback in development
 * stop the real process with one line; /health fails when a table sign-in
 * reads is damaged, not only when the store is gone.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildApp, SERVER_VERSION } from '../../src/server/app';
import { openStore } from '../../src/server/store/store';
import { testConfig } from '../fixtures/config';
import { GOOD_PASSWORD, signIn } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import { WebClient } from '../fixtures/web-client';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the server's entry point as `npm run server` does; resolves with its exit code and output. */
function startServer(env: Record<string, string>, timeoutMs = 15_000) {
  return new Promise<{ code: number | null; stderr: string; stdout: string; killed: boolean }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH!, PORT: '0', PUBLIC_URL: 'http://localhost:1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, killed: signal === 'SIGKILL' });
    });
  });
}

describe('start-up checks [sqlite]', () => {
  it.each([
    [
      '/proc/self/sidekey/data',
      /^sidekey: invalid configuration: DATA_DIR \/proc\/self\/sidekey\/data cannot be used: .*\/proc/,
    ],
    [
      '/proc/self/status/data',
      /^sidekey: invalid configuration: DATA_DIR \/proc\/self\/status\/data cannot be used: .* is not a folder/,
    ],
  ])('stops at once with one line for DATA_DIR=%s', async (dataDir, line) => {
    const result = await startServer({ DATA_DIR: dataDir });
    expect(result.killed).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(line);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a read-only DATA_DIR with one line', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a file where a folder should be is refused the same way.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-ro-')), 'file');
      fs.writeFileSync(file, '');
      const result = await startServer({ DATA_DIR: path.join(file, 'data') });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/DATA_DIR .* cannot be used: .*file is not a folder\n$/);
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-ro-'));
    fs.chmodSync(dir, 0o500);
    const result = await startServer({ DATA_DIR: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the folder is not writable');
  });

  it.each([
    ['SIDEKEY_SECRET_KEY', { SIDEKEY_SECRET_KEY: Buffer.alloc(32).toString('base64') }],
    ['PUBLIC_URL', { PUBLIC_URL: 'http://login.example.eu' }],
    ['SMTP_URL', { SMTP_URL: 'smtp://user:secret@mail.example.eu:587' }],
    ['CAS_SERVICES', { CAS_SERVICES: '[{"name":"RP","url":"http://rp.example/app/"}]' }],
  ])('refuses a weak %s in production: exit 2, one line naming it, nothing listening', async (name, change) => {
    const result = await startServer({
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SMTP_URL: 'smtps://user:secret@mail.example.eu',
      SIDEKEY_SECRET_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      ...change,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^sidekey: invalid configuration: ${name} `));
    expect(result.stderr).not.toContain('secret');
  });

  it('refuses the captcha test mode on 0.0.0.0 in test mode, and names a PUBLIC_URL that is no URL', async () => {
    const open = await startServer({ SIDEKEY_MODE: 'test', HOST: '0.0.0.0', CAPTCHA_TEST_MODE: '1' });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(
      /^sidekey: invalid configuration: CAPTCHA_TEST_MODE must not be 1 when HOST 0\.0\.0\.0/,
    );
    const bare = await startServer({ PUBLIC_URL: 'login.example.test' });
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim()).toBe(
      'sidekey: invalid configuration: PUBLIC_URL must be an http or https URL (got "login.example.test")',
    );
  });

  it('refuses a non-loopback HOST in development mode, with one line naming the way out', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-host-'));
    const result = await startServer({ DATA_DIR: dataDir, HOST: '0.0.0.0' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^sidekey: invalid configuration: HOST 0\.0\.0\.0 .*ALLOW_REMOTE_DEVELOPMENT=1/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('health on a damaged store [sqlite]', () => {
  it('answers 503 when the users table is damaged, as sign-in would fail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-corrupt-'));
    const file = path.join(dir, 'sidekey.sqlite');
    const first = await openStore({ kind: 'sqlite', file });
    const user = await seedUser(first, GOOD_PASSWORD);
    await first.close();

    // Overwrite the users table's root page with garbage, leaving the schema and migrations readable.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'users'").get() as {
      rootpage: number;
    };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    fs.closeSync(fd);

    const store = await openStore({ kind: 'sqlite', file });
    const app = await buildApp({ config: testConfig(), store });
    try {
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unavailable', version: SERVER_VERSION, store: 'sqlite' });
      // What health stands for: sign-in fails on this store.
      const res = await signIn(new WebClient(app), user.email);
      expect(res.statusCode).toBe(500);
    } finally {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
