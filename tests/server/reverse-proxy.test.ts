/**
 * Behind the reverse proxy production requires (a real nginx): with TRUST_PROXY naming it, each
 * client is itself — one client's wrong passwords throttle that client, not everyone, and the
 * activity log names the real address — while a client's own X-Forwarded-For is never believed,
 * through the proxy or around it; WebSocket upgrades pass. On each store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { FREE_FAILURES } from '../../src/server/store/throttles';
import { overHttp } from '../fixtures/http-transport';
import { startNginx, type Nginx } from '../fixtures/nginx';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { GOOD_PASSWORD, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import { WebClient } from '../fixtures/web-client';

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`behind nginx [${backend.name}]`, () => {
    let t: TestApp;
    let nginx: Nginx;
    let serverPort: number;
    let user: { uid: string; email: string };
    /** A browser at `address` (a loopback address of its own), through the proxy or straight to the server. */
    const client = (address: string, headers: Record<string, string> = {}, via: 'proxy' | 'direct' = 'proxy') =>
      new WebClient(
        overHttp(via === 'proxy' ? nginx.port : serverPort),
        { 'user-agent': 'vitest', ...headers },
        address,
      );
    const lastSignInFrom = async () => (await t.store.activity.recent(user.uid)).find((a) => a.kind === 'sign-in')?.ip;

    beforeEach(async () => {
      t = await startTestApp(backend, sink, { TRUST_PROXY: '127.0.0.1' });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      serverPort = (t.app.server.address() as AddressInfo).port;
      nginx = await startNginx(serverPort);
      user = await seedUser(t.store, GOOD_PASSWORD);
    });
    afterEach(async () => {
      await nginx?.close();
      await t.close();
    });

    it('throttles the client whose passwords are wrong, not the others behind the same proxy', async () => {
      const mallory = client('127.0.0.2');
      for (let i = 0; i < FREE_FAILURES; i++)
        expect((await signIn(mallory, `nobody${i}@example.eu`, 'Wrong pass 1')).statusCode).toBe(401);
      expect((await signIn(mallory, user.email)).statusCode).toBe(429);
      // Another client through the same proxy signs in.
      expect((await signIn(client('127.0.0.3'), user.email)).statusCode).toBe(200);
      expect(await lastSignInFrom()).toBe('127.0.0.3');
    });

    it('never believes a client’s own X-Forwarded-For, through the proxy or around it', async () => {
      // Through nginx: it appends the real peer; the rightmost address not the proxy's is the client.
      expect((await signIn(client('127.0.0.4', { 'x-forwarded-for': '203.0.113.7' }), user.email)).statusCode).toBe(
        200,
      );
      expect(await lastSignInFrom()).toBe('127.0.0.4');
      // Straight to the server from an address that is no proxy: the header is nobody's word.
      expect(
        (await signIn(client('127.0.0.5', { 'x-forwarded-for': '203.0.113.8' }, 'direct'), user.email)).statusCode,
      ).toBe(200);
      expect(await lastSignInFrom()).toBe('127.0.0.5');
    });

    it('passes the devices’ WebSocket upgrade (/api/devices/channel)', async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${nginx.port}/api/devices/channel`);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.close();
    });
  });
}
