/**
 * The request side of the outbox: starts the mail sender's thread (mail-thread.ts) and tells it
 * when there is work. The thread has its own connection to the store, its own event loop and the
 * SMTP conversation: the work for an address that has an account (the lookup, the link, the mail)
 * costs the requests' event loop nothing, so a request right after one cannot time it.
 *
 * The thread starts with the first job written here, or when the outbox holds due jobs (at start,
 * written before a restart; or by an instance that went away), looked for every `pollMs`.
 */
import { Worker } from 'node:worker_threads';
import type { ServerConfig } from '../platform/config';
import type { Log } from '../platform/log';
import type { Store } from '../store/store';
import { MAIL_DELIVERY, type MailDelivery } from './mail-sender';

export interface MailQueue {
  /** A job was committed: the thread looks for it now. */
  wake(): void;
  /** Resolves once the thread has no due job left (tests; no-op when it never started). */
  settle(): Promise<void>;
  /** Shutdown: the thread finishes or frees the job under way and closes; bounded by `stopMs`. */
  stop(): Promise<void>;
}

/** What the thread is started with (structured-cloned). */
export interface MailThreadData {
  config: ServerConfig;
  target: Store['target'];
  delivery: Partial<MailDelivery>;
}

export type ToMailThread = { type: 'wake' } | { type: 'settle'; id: number } | { type: 'stop' };
export type FromMailThread =
  | { type: 'log'; level: keyof Log; details: object; message: string }
  | { type: 'settled'; id: number }
  | { type: 'stopped' };

const ENTRY = new URL('../mail-thread-boot.mjs', import.meta.url);

export function startMailQueue(options: {
  config: ServerConfig;
  store: Store;
  log: Log;
  delivery?: Partial<MailDelivery>;
}): MailQueue {
  const { store, log } = options;
  const delivery = { ...MAIL_DELIVERY, ...options.delivery };
  let worker: Worker | undefined;
  let stopping = false;
  let nextId = 0;
  const settling = new Map<number, () => void>();
  let onStopped: (() => void) | undefined;

  function thread(): Worker {
    if (worker) return worker;
    const data: MailThreadData = { config: options.config, target: store.target, delivery: options.delivery ?? {} };
    const started = new Worker(ENTRY, { workerData: data });
    started.on('message', (message: FromMailThread) => {
      if (message.type === 'log') log[message.level](message.details, message.message);
      else if (message.type === 'settled') settling.get(message.id)?.();
      else onStopped?.();
    });
    started.on('error', (error) => log.error({ err: error }, 'mail sender thread failed'));
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      for (const resolve of settling.values()) resolve();
      settling.clear();
      onStopped?.();
      if (!stopping) log.warn({ code }, 'mail sender thread ended; it starts again with the next mail');
    });
    // Never the reason the process stays alive: shutdown stops it explicitly.
    started.unref();
    return (worker = started);
  }

  const post = (message: ToMailThread) => thread().postMessage(message);

  // Jobs already due (written before a restart, or by an instance that went away) start the thread.
  const lookForDue = () => {
    if (worker || stopping) return;
    store.mailOutbox
      .nextDueAt()
      .then((due) => due !== undefined && !worker && !stopping && post({ type: 'wake' }))
      .catch((error: unknown) => log.warn({ err: error }, 'mail queue: the outbox could not be read'));
  };
  lookForDue();
  const poll = setInterval(lookForDue, delivery.pollMs);
  poll.unref();

  return {
    wake() {
      if (!stopping) post({ type: 'wake' });
    },
    settle() {
      if (!worker || stopping) return Promise.resolve();
      const id = nextId++;
      return new Promise<void>((resolve) => {
        settling.set(id, () => {
          settling.delete(id);
          resolve();
        });
        post({ type: 'settle', id });
      });
    },
    async stop() {
      stopping = true;
      clearInterval(poll);
      const running = worker;
      if (!running) return;
      const stopped = new Promise<void>((resolve) => (onStopped = resolve));
      running.postMessage({ type: 'stop' } satisfies ToMailThread);
      // The thread bounds its own wait by stopMs; a thread that does not answer is ended.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, delivery.stopMs + 2000)));
      await Promise.race([stopped, late]);
      clearTimeout(timer);
      await running.terminate();
    },
  };
}
