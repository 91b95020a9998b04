/**
 * Push channels (docs/protocol.md §6): how many devices one server holds connected, and the
 * memory each costs it (the server in its own process, measured after a full collection). The
 * approval as a user waits for it is measured in Chromium with the extension: extension-flows.ts.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { exportPublicKey, generateDeviceKey, signDeviceRequest } from '../src/core/device-crypto';
import { openStore, type Store } from '../src/server/store/store';
import { seedUser } from '../tests/fixtures/users';

const PASSWORD = 'Bench password 42';

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
