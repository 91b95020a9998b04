/**
 * Starts the reference server: configuration from the environment, the store
 * it names, the app, and a listener. Bad configuration ends with one line.
 */
import process from 'node:process';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './platform/config';
import { prepareDataDir } from './platform/data-dir';
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
      // Everything that closes is bounded below Fastify's own close timeout (the mail sender's
      // thread by MAIL_DELIVERY.stopMs); a failure to close is still an exit, said as one.
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return app;
}

/**
 * Human-readable lines in a development terminal; JSON lines otherwise (not a TTY, or any other
 * mode), which is what log collectors read. LOG_FORMAT=json|pretty overrides the choice.
 */
export function logFormat(config: ServerConfig, isTty: boolean, override?: string): 'pretty' | 'json' {
  if (override === 'json' || override === 'pretty') return override;
  return config.mode === 'development' && isTty ? 'pretty' : 'json';
}

function loggerOptions(config: ServerConfig) {
  const pretty = logFormat(config, process.stdout.isTTY === true, process.env.LOG_FORMAT) === 'pretty';
  return {
    level: config.logLevel,
    ...(pretty && {
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    }),
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
