/**
 * Work done after the answer, one job at a time: what must not show in a
 * response's timing (whether an account exists decides whether a mail is sent).
 * A failed job is logged and forgotten. The queue is bounded, and shutdown waits
 * for it only so long: with the mail server unreachable each job takes up to
 * the mailer's timeouts, and neither memory nor a restart may wait on that.
 */
import type { Log } from './log';

/** Jobs waiting at most; more are dropped (and logged) until the queue moves again. */
export const MAX_QUEUED_JOBS = 1000;
/** How long shutdown waits for queued jobs before it gives up on them (and logs how many). */
export const DRAIN_MS = 15_000;

export interface Background {
  /** Queues `job`; never throws, never delays the caller. */
  run(name: string, job: () => Promise<void>): void;
  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void>;
  /** For shutdown: `idle()`, but no longer than the drain time. */
  drain(): Promise<void>;
}

export function createBackground(
  log: Pick<Log, 'error' | 'warn'>,
  { drainMs = DRAIN_MS, maxQueued = MAX_QUEUED_JOBS } = {},
): Background {
  let tail: Promise<void> = Promise.resolve();
  let queued = 0;
  return {
    run(name, job) {
      if (queued >= maxQueued) {
        log.warn({ job: name, queued }, 'background queue full; job dropped');
        return;
      }
      queued++;
      // After a macrotask turn, not a microtask: the caller's answer is written first, and the
      // job's first synchronous steps (an SQLite read) do not run on the request's time.
      const after = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      tail = after
        .then(() => job())
        .catch((error: unknown) => log.error({ err: error, job: name }, 'background job failed'))
        .finally(() => void queued--);
    },
    idle: () => tail,
    async drain() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), drainMs)));
      const gaveUp = await Promise.race([tail.then(() => false), timedOut]);
      clearTimeout(timer);
      if (gaveUp) log.warn({ abandoned: queued }, 'shutdown: background jobs still queued were abandoned');
    },
  };
}
