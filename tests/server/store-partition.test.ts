/**
 * PostgreSQL behind a network that drops packets without a reset (a TCP proxy that freezes: open
 * connections stay open and carry nothing, new ones are never answered). The instance notices it
 * through its timeouts: /health says "unavailable" within its deadline instead of hanging, and the
 * listening connection, which neither errors nor ends, is found deaf by its heartbeat and replaced —
 * so events (a push for a device connected here) arrive again once the network is back.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { StoreEvent } from '../../src/server/store/events';
import { openStore } from '../../src/server/store/store';
import { HEALTH_DEADLINE_MS } from '../../src/server/web/routes/health';
import { testConfig } from '../fixtures/config';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { dropSchema, TEST_DATABASE_URL } from '../fixtures/stores';
import { startTcpProxy } from '../fixtures/tcp-proxy';
import { PUBLIC_URL } from '../fixtures/test-app';

const skip = process.env.SIDEKEY_SKIP_POSTGRES === '1';
/** Short, so the outage is short: the production values are PG_TIMEOUTS'. */
const TIMEOUTS = { connectMs: 1000, queryMs: 1500, heartbeatMs: 400, heartbeatAnswerMs: 400 };
const FREEZE_MS = 4000;

const sink = smtpSinkForThisFile();

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(skip)('PostgreSQL behind a network that freezes [postgres]', () => {
  it('answers /health 503 within its deadline, and hears events again after the partition', async () => {
    const schema = `sidekey_test_freeze_${process.pid}_${Date.now() % 100_000}`;
    const proxy = await startTcpProxy(5432);
    const proxied = new URL(TEST_DATABASE_URL);
    proxied.host = `127.0.0.1:${proxy.port}`;
    // A reaches PostgreSQL directly; B, where a device would be connected, through the freezing network.
    const storeA = await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    const storeB = await openStore({ kind: 'postgres', url: proxied.toString(), schema, timeouts: TIMEOUTS });
    const appB = await buildApp({ config: testConfig({ PUBLIC_URL, SMTP_URL: sink.url }), store: storeB });
    const heard: StoreEvent[] = [];
    storeB.events.subscribe((event) => heard.push(event));
    const health = () => appB.inject({ method: 'GET', url: '/health' });
    try {
      await storeA.events.publish({ kind: 'device-removed', deviceId: 'before' });
      await until(() => heard.some((e) => 'deviceId' in e && e.deviceId === 'before'), 5000, 'the event before');
      expect((await health()).statusCode).toBe(200);

      proxy.freeze();
      const asked = Date.now();
      const during = await health();
      expect(during.statusCode).toBe(503);
      // Answered, not hung: within its deadline (and a margin for a loaded machine).
      expect(Date.now() - asked).toBeLessThan(HEALTH_DEADLINE_MS + 2000);
      await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
      proxy.thaw();

      // Back: the deaf listener was replaced (and told its subscribers to re-read), events arrive again.
      await until(() => heard.some((e) => e.kind === 'resync'), 15_000, 'the resync of a new listener');
      let n = 0;
      await until(
        async () => {
          await storeA.events.publish({ kind: 'device-removed', deviceId: `after-${++n}` });
          await new Promise((resolve) => setTimeout(resolve, 200));
          return heard.some((e) => 'deviceId' in e && e.deviceId.startsWith('after-'));
        },
        15_000,
        'an event after the partition',
      );
      await until(async () => (await health()).statusCode === 200, 15_000, '/health ok again');
    } finally {
      await appB.close();
      await storeB.close();
      await storeA.close();
      await proxy.close();
      await dropSchema(schema);
    }
  }, 60_000);
});
