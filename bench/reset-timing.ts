/**
 * "Forgot your password" as an attacker times it (issue #23, item 5): a request for an identifier
 * that has an account and one for an identifier that has none, each followed at once by a
 * GET /health — the request after is where work for the known account (the lookup, the link, the
 * mail) used to show. Both kinds interleaved in one run, on the real store and the real mail
 * sender's thread (writing to the development outbox, so no mail server shares this process).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app';
import type { Store } from '../src/server/store/store';
import { testConfig } from '../tests/fixtures/config';
import { WebClient } from '../tests/fixtures/web-client';
import { summarise, type Summary } from './stats';

export interface ResetTiming {
  request: { known: Summary; unknown: Summary };
  nextHealth: { known: Summary; unknown: Summary };
}

/** Pairs first run and not counted: the thread's start and the statements' first compilation. */
const WARM_UP = 5;

export async function benchResetTiming(store: Store, pairs = 150): Promise<ResetTiming> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-reset-'));
  const app = await buildApp({ config: testConfig({ DATA_DIR: dataDir }), store });
  const times = {
    request: { known: [] as number[], unknown: [] as number[] },
    next: { known: [] as number[], unknown: [] as number[] },
  };
  try {
    // Each identifier and client address once: the quotas (3 an hour each) must not answer instead.
    for (let i = 0; i < pairs + WARM_UP; i++) {
      await store.users.create({
        uid: `n00b${String(i).padStart(4, '0')}`,
        email: `known${i}@example.eu`,
        firstName: 'Bench',
        lastName: `User ${i}`,
        language: 'en',
        createdAt: Date.now(),
      });
    }
    const round = async (kind: 'known' | 'unknown', i: number) => {
      const client = new WebClient(app, undefined, `10.${kind === 'known' ? 1 : 2}.${i >> 8}.${i & 255}`);
      await client.get('/cas/password/request');
      const started = performance.now();
      const res = await client.post('/cas/password/request', { identifier: `${kind}${i}@example.eu` });
      const answered = performance.now();
      await app.inject({ method: 'GET', url: '/health' });
      const after = performance.now();
      if (res.statusCode !== 200) throw new Error(`reset request answered ${res.statusCode}`);
      if (i < WARM_UP) return;
      times.request[kind].push(answered - started);
      times.next[kind].push(after - answered);
    };
    for (let i = 0; i < pairs + WARM_UP; i++) {
      // Alternate which goes first, so neither kind always follows the other's work.
      const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const kind of order) await round(kind, i);
      // Let the thread's work from this pair end before the next pair, as separate visits would.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    request: { known: summarise(times.request.known), unknown: summarise(times.request.unknown) },
    nextHealth: { known: summarise(times.next.known), unknown: summarise(times.next.unknown) },
  };
}
