/**
 * Push requests over loopback (docs/protocol.md §6):
 * - from "Approve" to "the waiting page has moved on": the device's work as the
 *   extension does it (PIN unwrap, OCRA, signature), the answer's round trip, and
 *   the page's long poll waking and its form completing the sign-in;
 * - how many devices one server holds connected, and the memory each costs it
 *   (the server in its own process, measured after a full collection).
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { exportPublicKey, generateDeviceKey, signDeviceRequest, signText } from '../src/core/device-crypto';
import { fromBase64url } from '../src/core/encoding';
import { ocra } from '../src/core/ocra';
import { pushSignatureInput, type PushRequestView } from '../src/core/push-api';
import { unwrapSecret, wrapSecret } from '../src/extension/vault/pin-wrap';
import { buildApp } from '../src/server/app';
import { openStore, type Store } from '../src/server/store/store';
import { testConfig } from '../tests/fixtures/config';
import { completeEnrolment, confirm, pendingRequests, qrFromPage } from '../tests/fixtures/device';
import { signIn } from '../tests/fixtures/test-app';
import { seedUser } from '../tests/fixtures/users';
import { WebClient } from '../tests/fixtures/web-client';
import { summarise, type Summary } from './stats';

const PASSWORD = 'Bench password 42';
const PIN = '2580';
const RUNS = 40;

export async function benchPushApproval(): Promise<Record<string, Summary>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-push-'));
  const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'push.sqlite') });
  const app = await buildApp({ config: testConfig({ PUBLIC_URL: 'http://localhost:8080' }), store });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const times: Record<string, number[]> = { device: [], answer: [], page: [], total: [] };
  try {
    const user = await seedUser(store, PASSWORD, 'bench@example.eu');
    const setup = new WebClient(app);
    await signIn(setup, user.email, PASSWORD);
    await setup.get('/cas/mobile');
    const page = await setup.post('/cas/mobile', { deviceName: 'Bench', pin: PIN, pinConfirm: PIN });
    const { device } = await completeEnrolment(app, qrFromPage(page.body), PIN);
    await confirm(app, device);
    // What the extension keeps: the OCRA key wrapped under the PIN.
    const wrapped = await wrapSecret(fromBase64url(device.ocraKey!), PIN);

    for (let i = -3; i < RUNS; i++) {
      const browser = new WebClient(app, { origin: 'http://localhost:8080' });
      const wait = await signIn(browser, user.email, PASSWORD, undefined, 'mobile-pin');
      const tx = browser.attr(/name="tx" value="([^"]+)"/);
      const number = Number(/data-sidekey-push-number>(\d\d)</.exec(wait.body)![1]);
      const [request] = (await pendingRequests(app, device)).json().requests as PushRequestView[];
      const headers = { cookie: browser.cookieHeader(), origin: 'http://localhost:8080' };

      // The waiting page: its long poll is open before the user approves.
      let movedOn = 0;
      let answered = 0;
      const pageDone = fetch(`${base}/cas/login/push/status?tx=${tx}&wait=1`, { headers })
        .then((r) => r.json())
        .then(() =>
          fetch(`${base}/cas/login/push`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ csrf: browser.csrf(), tx }),
            // Followed by hand below, as the browser does, with the session cookie the answer sets.
            redirect: 'manual',
          }),
        )
        .then(async (r) => {
          if (r.status !== 303 || r.headers.get('location') !== '/cas/account') throw new Error('not signed in');
          const session = r.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; ');
          const landed = await fetch(`${base}/cas/account`, {
            headers: { ...headers, cookie: `${headers.cookie}; ${session}` },
            redirect: 'manual',
          });
          // The page the user waits for: My Account, signed in.
          if (landed.status !== 200 || !(await landed.text()).includes('<h1>My Account</h1>'))
            throw new Error('the page did not arrive signed in');
          movedOn = performance.now();
        });
      await new Promise((resolve) => setTimeout(resolve, 20));

      const t0 = performance.now();
      const key = await unwrapSecret(wrapped, PIN);
      const otp = await ocra('OCRA-1:HOTP-SHA256-8:QH64', key, { question: request!.challenge });
      const timestamp = Date.now();
      const nonce = crypto.randomBytes(16).toString('base64url');
      const signature = await signText(
        device.keys.privateKey,
        pushSignatureInput({
          id: tx,
          deviceId: device.deviceId!,
          challenge: request!.challenge,
          decision: 'approve',
          number,
          timestamp,
          nonce,
        }),
      );
      const t1 = performance.now();
      const res = await fetch(`${base}/api/push/${tx}/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          deviceId: device.deviceId,
          decision: 'approve',
          number,
          otp,
          timestamp,
          nonce,
          signature,
        }),
      });
      answered = performance.now();
      if (res.status !== 200) throw new Error(`approval refused: ${res.status}`);
      await pageDone;
      if (i < 0) continue; // warm-up
      times.device!.push(t1 - t0);
      times.answer!.push(answered - t1);
      times.page!.push(movedOn - answered);
      times.total!.push(movedOn - t0);
    }
  } finally {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summarise(v)]));
}

export interface ConnectionFigures {
  devices: number;
  connected: number;
  rssPerConnectionKiB: number;
  heapPerConnectionKiB: number;
  connectMs: number;
}

export async function benchPushConnections(devices = 1000): Promise<ConnectionFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-conn-'));
  const file = path.join(dir, 'conn.sqlite');
  const store = await openStore({ kind: 'sqlite', file });
  const user = await seedUser(store, PASSWORD, 'many@example.eu');
  const keys: { id: string; keys: CryptoKeyPair }[] = [];
  for (let i = 0; i < devices; i++) keys.push(await seedDevice(store, user.uid, `Device ${i}`));
  await store.close();

  const child = fork(path.join(import.meta.dirname, 'push-server.ts'), {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, BENCH_DB: file },
  });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const memory = async () => {
    const answer = next<{ memory: NodeJS.MemoryUsage }>();
    child.send('memory');
    return (await answer).memory;
  };
  const sockets: WebSocket[] = [];
  try {
    const { port } = await next<{ port: number }>();
    // Warm the server's code paths with one connection, then take the baseline.
    const before = await memory();
    const t0 = performance.now();
    let connected = 0;
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map(async ({ id, keys: pair }) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/api/devices/channel`);
          sockets.push(socket);
          await new Promise((resolve, reject) => {
            socket.once('open', resolve);
            socket.once('error', reject);
          });
          const signed = await signDeviceRequest(pair.privateKey, 'channel', id);
          const first = new Promise((resolve) => socket.once('message', resolve));
          socket.send(JSON.stringify({ type: 'auth', deviceId: id, ...signed }));
          await first;
          connected++;
        }),
      );
    }
    const connectMs = performance.now() - t0;
    const after = await memory();
    return {
      devices,
      connected,
      rssPerConnectionKiB: Math.round(((after.rss - before.rss) / devices / 1024) * 10) / 10,
      heapPerConnectionKiB:
        Math.round(((after.heapUsed + after.external - before.heapUsed - before.external) / devices / 1024) * 10) / 10,
      connectMs: Math.round(connectMs),
    };
  } finally {
    for (const s of sockets) s.terminate();
    child.send('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An active device written straight into the store, with its key pair (for signing its requests). */
export async function seedDevice(
  store: Store,
  uid: string,
  name: string,
): Promise<{ id: string; keys: CryptoKeyPair }> {
  const pair = await generateDeviceKey();
  const id = crypto.randomBytes(16).toString('base64url');
  await store.devices.create({
    id,
    uid,
    name,
    status: 'active',
    publicKeyJwk: JSON.stringify(await exportPublicKey(pair.publicKey)),
    ocraKeyEnc: 'unused',
    ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH64',
    browser: 'bench',
    createdAt: Date.now(),
  });
  return { id, keys: pair };
}
