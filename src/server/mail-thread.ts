/**
 * The mail sender's thread (started by domain/mail-queue.ts): its own connection to the store,
 * the mailer, and the sender's loop (domain/mail-sender.ts). Logs go to the server's logger
 * through the parent; nothing here answers requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolvePasswordLinkRequest, resolveRegistration } from './domain/accounts';
import type { FromMailThread, MailThreadData, ToMailThread } from './domain/mail-queue';
import { createMailSender } from './domain/mail-sender';
import type { Log } from './platform/log';
import { createMailer } from './platform/mailer';
import { createSecretBox } from './platform/secret-box';
import { serverKey } from './platform/server-key';
import { openSideStore } from './store/store';

const port = parentPort!;
const { config, target, delivery } = workerData as MailThreadData;
const tell = (message: FromMailThread) => port.postMessage(message);
const logAt =
  (level: keyof Log) =>
  (details: object, message: string): void => {
    // Errors do not survive structured cloning with their fields; what the log needs is kept.
    const err = (details as { err?: unknown }).err;
    const safe = err instanceof Error ? { ...details, err: { type: err.name, message: err.message } } : details;
    tell({ type: 'log', level, details: safe, message });
  };
const log: Log = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

/** The request's time while its job is worked out (one job at a time); the real clock otherwise. */
let jobAt: number | undefined;
const context = { publicUrl: config.publicUrl };
const ready = (async () => {
  const store = await openSideStore(target, () => jobAt ?? Date.now());
  const mailer = createMailer({ ...config.mail, dataDir: config.dataDir });
  const sender = createMailSender({
    store,
    secrets: createSecretBox(serverKey(config)),
    mailer,
    resolve: (repos, job) =>
      job.kind === 'registration'
        ? resolveRegistration(repos, context, job)
        : resolvePasswordLinkRequest(repos, context, job),
    async asOf(at, work) {
      jobAt = at;
      try {
        return await work();
      } finally {
        jobAt = undefined;
      }
    },
    log,
    options: delivery,
  });
  return { store, mailer, sender };
})();

port.on('message', (message: ToMailThread) => {
  void ready
    .then(async ({ store, mailer, sender }) => {
      if (message.type === 'wake') sender.wake();
      // Both answered whatever happens: the parent waits for them.
      else if (message.type === 'settle') {
        await sender.settle().finally(() => tell({ type: 'settled', id: message.id }));
      } else {
        try {
          await sender.stop();
          mailer.close();
          await store.close();
        } finally {
          tell({ type: 'stopped' });
        }
      }
    })
    .catch((error: unknown) => log.error({ err: error }, 'mail sender thread: a message failed'));
});
ready.catch((error: unknown) => {
  log.error({ err: error }, 'mail sender thread could not start');
  process.exit(1);
});
