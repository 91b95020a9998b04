/**
 * PostgreSQL cut off from a running instance: a TCP proxy between the instance
 * and the database drops every connection for 30 s. Afterwards the instance
 * holds exactly one LISTEN connection again, and a device connected to it gets
 * one frame per event (a multiplied listener would deliver each event once per
 * leftover connection).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { openStore } from '../../src/server/store/store';
import { openChannel, listenUrl } from '../fixtures/channel';
import { testConfig } from '../fixtures/config';
import { enrolDevice } from '../fixtures/device';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { dropSchema, TEST_DATABASE_URL } from '../fixtures/stores';
import { startTcpProxy } from '../fixtures/tcp-proxy';
import { GOOD_PASSWORD, PUBLIC_URL, signIn } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import { WebClient } from '../fixtures/web-client';

const OUTAGE_MS = 30_000;
const skip = process.env.SIDEKEY_SKIP_POSTGRES === '1';

const sink = smtpSinkForThisFile();

/** The number of sessions listening on this channel, as PostgreSQL sees them. */
async function listeners(channel: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE query = $1', [
      `LISTEN ${channel}`,
    ]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(skip)('store events through a database outage [postgres]', () => {
  it(
    'keeps one LISTEN connection and one frame per event after a 30 s cut',
    { timeout: OUTAGE_MS + 60_000 },
    async () => {
      const schema = `sidekey_test_outage_${process.pid}_${Date.now() % 100_000}`;
      const channel = `sidekey_events_${schema}`;
      const proxy = await startTcpProxy(5432);
      const proxied = new URL(TEST_DATABASE_URL);
      proxied.host = `127.0.0.1:${proxy.port}`;
      // Instance A reaches PostgreSQL directly; instance B, which holds the device's channel, through the proxy.
      const storeA = await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
      const storeB = await openStore({ kind: 'postgres', url: proxied.toString(), schema });
      const config = testConfig({ PUBLIC_URL, SMTP_URL: sink.url, CAPTCHA_TEST_MODE: '1' });
      const appA = await buildApp({ config, store: storeA });
      const appB = await buildApp({ config, store: storeB });
      try {
        const user = await seedUser(storeA, GOOD_PASSWORD);
        const owner = new WebClient(appA);
        await signIn(owner, user.email);
        const device = await enrolDevice(appA, owner);
        const socket = await openChannel(await listenUrl(appB), device);
        expect(await socket.next()).toEqual({ type: 'requests', requests: [] });
        expect(await listeners(channel)).toBe(2);

        proxy.cut();
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        proxy.restore();
        // Back: B listens again (one connection), and its devices are re-sent their list once (resync).
        await until(async () => (await listeners(channel)) === 2, 20_000);
        expect(await socket.next()).toEqual({ type: 'requests', requests: [] });

        const other = new WebClient(appA);
        await signIn(other, user.email, GOOD_PASSWORD, undefined, 'mobile-pin');
        const frame = await socket.next();
        expect(frame.type === 'requests' && frame.requests.length).toBe(1);
        // A second delivery of the same event would arrive within milliseconds; give it a generous second.
        const extra = await Promise.race([
          socket.next().then(() => 'a second frame'),
          new Promise((resolve) => setTimeout(() => resolve('none'), 1500)),
        ]);
        expect(extra).toBe('none');
        expect(await listeners(channel)).toBe(2);
        socket.close();
      } finally {
        await appA.close();
        await appB.close();
        await storeA.close();
        await storeB.close();
        await proxy.close();
        await dropSchema(schema);
      }
    },
  );
});
