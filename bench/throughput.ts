/**
 * Requests per second the reference server answers (its own process, SQLite,
 * over loopback with keep-alive): the signed device poll
 * (`POST /api/devices/:id/requests`, each with a fresh signature and nonce, as
 * an extension sends it) beside `GET /health` in the same run, and the poll
 * three times in a row — the nonce table grows with every request, and the
 * rate must not fall with it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { signDeviceRequest } from '../src/core/device-crypto';
import { openStore } from '../src/server/store/store';
import { seedUser } from '../tests/fixtures/users';
import { seedDevice } from './push';

const CONCURRENCY = 16;

export interface ThroughputFigures {
  /** The mean of the two runs of GET /health, before and after the signed runs. */
  healthPerSecond: number;
  healthRuns: number[];
  /** Three consecutive runs of the signed poll. */
  signedPerSecond: number[];
  seconds: number;
}

/** Sends requests from `next()` with CONCURRENCY in flight for `seconds`; returns the rate of 200 answers. */
async function load(port: number, seconds: number, next: () => { method: string; path: string; body?: string }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  let other = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const request = next();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: request.method,
          path: request.path,
          headers: request.body ? { 'content-type': 'application/json' } : {},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) ok++;
            else other++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        other++;
        resolve();
      });
      req.end(request.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  agent.destroy();
  if (other > 0) throw new Error(`${other} requests were not answered 200`);
  return Math.round(ok / ((performance.now() - started) / 1000));
}

export async function benchThroughput(seconds = 10): Promise<ThroughputFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-rps-'));
  const file = path.join(dir, 'rps.sqlite');
  const store = await openStore({ kind: 'sqlite', file });
  const user = await seedUser(store, 'Bench password 42', 'rps@example.eu');
  const { id: deviceId, keys: pair } = await seedDevice(store, user.uid, 'Bench');
  await store.close();

  const child = fork(path.join(import.meta.dirname, 'push-server.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DB: file },
  });
  try {
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', (m) => resolve(m as never)),
    );
    // Fresh signatures, made before each run so the client's signing does not take the server's core.
    const signed = async (count: number) => {
      const bodies: string[] = [];
      for (let i = 0; i < count; i++) {
        bodies.push(JSON.stringify(await signDeviceRequest(pair.privateKey, 'requests', deviceId)));
      }
      return bodies;
    };
    const poll = async () => {
      const bodies = await signed(4000 * seconds);
      let i = 0;
      return load(port, seconds, () => {
        if (i >= bodies.length) throw new Error('more requests than signatures prepared');
        return { method: 'POST', path: `/api/devices/${deviceId}/requests`, body: bodies[i++] };
      });
    };
    // Both paths warmed up alike (a second each) before they are measured.
    await load(port, 1, () => ({ method: 'GET', path: '/health' }));
    const warmUp = await signed(4000);
    await load(port, 1, () => ({ method: 'POST', path: `/api/devices/${deviceId}/requests`, body: warmUp.pop()! }));
    // The baseline before and after the three runs, averaged: this machine's speed drifts.
    const health = () => load(port, seconds, () => ({ method: 'GET', path: '/health' }));
    const before = await health();
    const signedPerSecond = [await poll(), await poll(), await poll()];
    const after = await health();
    return { healthPerSecond: Math.round((before + after) / 2), healthRuns: [before, after], signedPerSecond, seconds };
  } finally {
    child.send('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
