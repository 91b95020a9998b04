/**
 * Starts the reference server: configuration from the environment, the store
 * it names, the app, and a listener. Bad configuration ends with one line.
 */
import process from 'node:process';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { prepareDataDir } from './data-dir';
import { openStore } from './store/store';

export async function start(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  // The embedded store, the outbox and the generated server key live there.
  if (config.store.kind === 'sqlite' || !config.mail.smtpUrl || !config.secretKey) prepareDataDir(config.dataDir);
  const store = await openStore(config.store);
  const app = await buildApp({ config, store, logger: loggerOptions(config) });
  app.addHook('onClose', () => store.close());
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { url: config.publicUrl, store: store.kind, schemaVersion: store.migration.current, mode: config.mode },
    'Sidekey reference server listening',
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      void app.close().then(() => process.exit(0));
    });
  }
  return app;
}

function loggerOptions(config: ServerConfig) {
  return {
    level: config.logLevel,
    // Bearer tokens and cookies never reach the log.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      // Paths may carry single-use tokens (e-mail links); log the route, not the query.
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/server/main.ts');
if (isMain) {
  start().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`sidekey: ${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
