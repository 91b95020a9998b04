/**
 * The reference server alone in a process, for measuring what connected
 * devices cost it and what it answers per second: started by bench/push.ts
 * (with --expose-gc), bench/throughput.ts and bench/oidc.ts, it reports its
 * port, then its memory whenever asked (after a full collection). BENCH_DB: a
 * SQLite file, or a JSON store target; BENCH_ENV: more settings, as JSON.
 */
import process from 'node:process';
import { buildApp } from '../src/server/app';
import { openStore } from '../src/server/store/store';
import { testConfig } from '../tests/fixtures/config';

const target = process.env.BENCH_DB!;
const store = await openStore(target.startsWith('{') ? JSON.parse(target) : { kind: 'sqlite', file: target });
const env = JSON.parse(process.env.BENCH_ENV ?? '{}') as Record<string, string>;
const app = await buildApp({ config: testConfig({ PUBLIC_URL: 'http://localhost:1', ...env }), store });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ port: Number(new URL(address).port) });
process.on('message', (message) => {
  if (message === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ memory: process.memoryUsage() });
  } else if (message === 'exit') {
    void app.close().then(() => store.close().then(() => process.exit(0)));
  }
});
