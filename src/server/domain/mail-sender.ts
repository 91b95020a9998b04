/**
 * Delivers the outbox (store/mail-outbox.ts): one job at a time, each under a lease; a request is
 * worked out into its mail in one transaction, then the mail goes to the mail server and its row
 * is deleted. A failure is tried again after a doubling delay, until the job's deadline; then (or
 * at once when the mail server refuses it for good) it is given up, its content erased, and said
 * in the log at error level and in /health. Runs in the mail sender's thread (mail-thread.ts).
 *
 * Delivery is at least once: a sender stopped after the mail server took a mail but before its
 * row was deleted sends it again on the next start. Nothing is at most once.
 */
import { randomInt } from 'node:crypto';
import type { Log } from '../platform/log';
import type { Mailer } from '../platform/mailer';
import type { SecretBox } from '../platform/secret-box';
import type { ClaimedMailJob } from '../store/mail-outbox';
import type { Repositories, Store } from '../store/store';
import { openJob, sealJob, type MailJob, type OutgoingMail } from './mail-jobs';

export const MAIL_DELIVERY = {
  /** The first retry's delay; each next one doubles, with ±20 % jitter so instances spread out. */
  firstRetryMs: 5000,
  maxRetryMs: 10 * 60_000,
  /** A job not delivered this long after its first attempt is given up (its password link would be dead). */
  deadlineMs: 24 * 60 * 60_000,
  /** One attempt at most: the mailer's own timeouts apply per stage; this bounds them all. */
  attemptMs: 60_000,
  /** A sender that vanished leaves its job to others after this (longer than an attempt). */
  leaseMs: 2 * 60_000,
  /** Jobs written by other instances, and retries, are looked for at least this often. */
  pollMs: 30_000,
  /** Shutdown waits this long for an attempt under way, then frees its job for the next start. */
  stopMs: 2500,
};
export type MailDelivery = typeof MAIL_DELIVERY;

export interface MailSenderParts {
  store: Store;
  secrets: SecretBox;
  mailer: Pick<Mailer, 'send'>;
  /** The mail a request becomes (domain/accounts.ts), in the transaction given. */
  resolve: (repos: Repositories, job: Exclude<MailJob, OutgoingMail>) => Promise<OutgoingMail | undefined>;
  /** Sets the store's clock to the request's while its job is worked out (what it creates is dated then). */
  asOf: <T>(at: number, work: () => Promise<T>) => Promise<T>;
  log: Log;
  options?: Partial<MailDelivery>;
}

export interface MailSender {
  /** Looks for due jobs now (a job was just written). */
  wake(): void;
  /** Resolves once no due job is left (retries waiting for later do not count). */
  settle(): Promise<void>;
  /** Stops taking jobs; waits for the attempt under way at most `stopMs`, then frees its job. */
  stop(): Promise<void>;
}

export function createMailSender(parts: MailSenderParts): MailSender {
  const { store, log } = parts;
  const options = { ...MAIL_DELIVERY, ...parts.options };
  // The sender's own clock, real: the requests' clock (which tests move) dates what a job creates (asOf).
  const now = Date.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The pass under way, if any; a wake during it asks for one more (`again`). */
  let pass: Promise<void> | undefined;
  let again = false;
  let current: ClaimedMailJob | undefined;

  /** Delivers every due job, one at a time, then sets the timer for the next look. */
  async function runPass(): Promise<void> {
    while (!stopped) {
      const job = await store.mailOutbox.claim(now(), options.leaseMs, options.deadlineMs);
      if (!job) break;
      current = job;
      await deliver(job);
      current = undefined;
    }
    if (!stopped) await schedule();
  }

  async function deliver(job: ClaimedMailJob): Promise<void> {
    try {
      const opened = open(job);
      const mail = opened.kind === 'mail' ? opened : await workOut(job, opened);
      if (!mail) {
        log.debug({ job: job.id, kind: job.kind }, 'mail job: nothing to send');
        return;
      }
      await withinMs(parts.mailer.send(mail.to, mail), options.attemptMs);
      await store.mailOutbox.remove(job.id);
      log.info({ job: job.id, attempts: job.attempts }, 'mail delivered');
    } catch (error) {
      await failed(job, error).catch((stored: unknown) =>
        log.error({ job: job.id, err: stored }, 'mail job: could not record a failed attempt'),
      );
    }
  }

  function open(job: ClaimedMailJob): MailJob {
    try {
      return openJob(parts.secrets, job);
    } catch (error) {
      throw new UnopenableJob(error instanceof Error ? error.name : 'Error');
    }
  }

  /** The request's mail, made in the transaction that writes it into the row (or deletes a row with none). */
  function workOut(job: ClaimedMailJob, request: Exclude<MailJob, OutgoingMail>): Promise<OutgoingMail | undefined> {
    return parts.asOf(request.at, () =>
      store.transaction(async (repos) => {
        const mail = await parts.resolve(repos, request);
        if (mail) await repos.mailOutbox.becomeMail(job.id, sealJob(parts.secrets, job.id, mail));
        else await repos.mailOutbox.remove(job.id);
        return mail;
      }),
    );
  }

  async function failed(job: ClaimedMailJob, error: unknown): Promise<void> {
    const reason = describe(error);
    const at = now();
    const delay = retryDelay(job.attempts, options);
    if (reason.permanent || at + delay > job.deadlineAt) {
      await store.mailOutbox.giveUp(job.id, at, reason.text);
      log.error({ job: job.id, kind: job.kind, attempts: job.attempts, reason: reason.text }, 'mail given up');
      return;
    }
    await store.mailOutbox.retryAt(job.id, at + delay, reason.text);
    log.warn({ job: job.id, attempts: job.attempts, retryInMs: delay, reason: reason.text }, 'mail not delivered yet');
  }

  /** The next look: when the earliest job falls due, and at least every pollMs. */
  async function schedule(): Promise<void> {
    clearTimeout(timer);
    const due = await store.mailOutbox.nextDueAt().catch(() => undefined);
    const wait = Math.min(options.pollMs, Math.max(0, (due ?? Infinity) - now()));
    timer = setTimeout(wake, wait);
    timer.unref?.();
  }

  function wake(): void {
    if (stopped) return;
    if (pass) {
      // A job written while a pass runs may have been missed by its last look: one more pass.
      again = true;
      return;
    }
    again = false;
    pass = runPass()
      .catch(async (error: unknown) => {
        // The store is away (a partition, a restart): look again after a while.
        log.warn({ err: error }, 'mail sender: the outbox could not be read');
        if (!stopped) await schedule().catch(() => undefined);
      })
      .finally(() => {
        pass = undefined;
        if (again) wake();
      });
  }

  return {
    wake,
    async settle() {
      do {
        if (!pass) wake();
        await pass;
      } while (!stopped && (await store.mailOutbox.nextDueAt().then((due) => due !== undefined && due <= now())));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const running = pass;
      if (!running) return;
      const finished = await Promise.race([running.then(() => true), sleep(options.stopMs).then(() => false)]);
      const job = current;
      if (!finished && job) {
        await store.mailOutbox.release(job.id).catch(() => undefined);
        log.warn({ job: job.id }, 'shutdown: the mail under way is left to the next start');
      }
    },
  };
}

/** The delay before attempt `attempts + 1`: doubling from firstRetryMs up to maxRetryMs, ±20 %. */
export function retryDelay(attempts: number, options: Pick<MailDelivery, 'firstRetryMs' | 'maxRetryMs'>): number {
  const base = Math.min(options.maxRetryMs, options.firstRetryMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + randomInt(0, 401) / 1000));
}

/**
 * A failure in words an operator can act on, never the mail or its address: the SMTP reply code
 * and nodemailer's error code. A 5xx reply is a permanent refusal (RFC 5321 §4.2.1): retrying
 * cannot help. A job that no longer opens (another server key, a damaged row) cannot either.
 */
function describe(error: unknown): { text: string; permanent: boolean } {
  if (error instanceof UnopenableJob) return { text: `unreadable job (${error.message})`, permanent: true };
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error';
  return { text: reply ? `SMTP ${reply} (${code})` : code, permanent: reply !== undefined && reply >= 500 };
}

/** A row that does not open: sealed under another key, tampered with, or not a job of its kind. */
class UnopenableJob extends Error {}

class AttemptTimeout extends Error {
  code = 'ATTEMPT_TIMEOUT';
}

async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
