/**
 * The extension's channel client (src/extension/background/push-channel.ts)
 * against the real server over a real WebSocket: it authenticates with the
 * device key, receives requests, reconnects after a server restart, and stops
 * for good when the device is removed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signDeviceRequest } from '../../src/core/device-crypto';
import type { PushRequestView } from '../../src/core/push-api';
import { buildApp } from '../../src/server/app';
import { channelUrl, openChannel, type Channel } from '../../src/extension/background/push-channel';
import { testConfig } from '../fixtures/config';
import { type TestDevice, enrolDevice } from '../fixtures/device';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { sqliteBackend } from '../fixtures/stores';
import { GOOD_PASSWORD, PUBLIC_URL, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import { waitUntil } from '../fixtures/wait';
import { WebClient } from '../fixtures/web-client';

const waitFor = (ok: () => boolean, timeoutMs?: number) =>
  waitUntil(async () => ok(), Boolean, 'the channel', timeoutMs);

const sink = smtpSinkForThisFile();

describe('the extension’s request channel', () => {
  let t: TestApp;
  let user: { uid: string; email: string };
  let device: TestDevice;
  let origin: string;
  let channel: Channel | undefined;

  beforeEach(async () => {
    t = await startTestApp(sqliteBackend, sink);
    t.clock.now = Date.now();
    user = await seedUser(t.store, GOOD_PASSWORD);
    const client = t.client();
    await signIn(client, user.email);
    device = await enrolDevice(t.app, client);
    origin = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', 'localhost');
  });
  afterEach(async () => {
    channel?.close();
    await t.close();
  });

  function open(extra: { onRemoved?: () => void } = {}) {
    const seen: PushRequestView[][] = [];
    channel = openChannel({
      origin,
      deviceId: device.deviceId!,
      sign: () => signDeviceRequest(device.keys.privateKey, 'channel', device.deviceId!),
      onRequests: (requests) => seen.push(requests),
      onRemoved: extra.onRemoved ?? (() => undefined),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    return seen;
  }

  async function startPinSignIn(client = t.client()) {
    await signIn(client, user.email, GOOD_PASSWORD, undefined, 'mobile-pin');
    return client.attr(/name="tx" value="([^"]+)"/);
  }

  it('names the channel on the server’s own origin, ws or wss', () => {
    expect(channelUrl('https://login.example.eu')).toBe('wss://login.example.eu/api/devices/channel');
    expect(channelUrl('http://localhost:8080')).toBe('ws://localhost:8080/api/devices/channel');
  });

  it('authenticates, then receives each new request', async () => {
    const seen = open();
    await waitFor(() => seen.length === 1 && channel!.connected);
    expect(seen[0]).toEqual([]);
    const tx = await startPinSignIn();
    await waitFor(() => seen.length === 2);
    expect(seen[1]!.map((r) => r.id)).toEqual([tx]);
  });

  it('reconnects after the server restarts and gets what was asked meanwhile', async () => {
    const seen = open();
    await waitFor(() => channel!.connected);
    const port = Number(new URL(origin).port);
    await t.app.close();
    await waitFor(() => !channel!.connected);
    // A new instance on the same store and port, with a request made while the device was away.
    const app = await buildApp({
      config: testConfig({ PUBLIC_URL, SMTP_URL: sink.url, CAPTCHA_TEST_MODE: '1' }),
      store: t.store,
      now: () => t.clock.now,
    });
    try {
      const tx = await startPinSignIn(new WebClient(app));
      await app.listen({ host: '127.0.0.1', port });
      await waitFor(() => seen.some((list) => list.some((r) => r.id === tx)), 10_000);
      expect(channel!.connected).toBe(true);
    } finally {
      channel!.close();
      await app.close();
    }
  });

  it('stops for good when the device is removed, and says so', async () => {
    let removed = 0;
    open({ onRemoved: () => removed++ });
    await waitFor(() => channel!.connected);
    const client = t.client();
    await signIn(client, user.email);
    await client.get('/cas/account');
    await client.post(`/cas/devices/${device.deviceId}/remove`, { password: GOOD_PASSWORD });
    await waitFor(() => removed === 1);
    expect(channel!.connected).toBe(false);
  });
});
