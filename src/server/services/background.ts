/**
 * Work done after the answer, one job at a time: what must not show in a
 * response's timing (whether an account exists decides whether a mail is sent).
 * A failed job is logged and forgotten; closing the server waits for the queue.
 */
import type { FastifyBaseLogger } from 'fastify';

export interface Background {
  /** Queues `job`; never throws, never delays the caller. */
  run(name: string, job: () => Promise<void>): void;
  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void>;
}

export function createBackground(log: Pick<FastifyBaseLogger, 'error'>): Background {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(name, job) {
      // After a macrotask turn, not a microtask: the caller's answer is written first, and the
      // job's first synchronous steps (an SQLite read) do not run on the request's time.
      const after = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      tail = after.then(() =>
        job().catch((error: unknown) => log.error({ err: error, job: name }, 'background job failed')),
      );
    },
    idle: () => tail,
  };
}
