/**
 * The waiting pages' status requests (an enrolment confirmed on the device, a push request
 * answered): one long poll that answers as soon as what it watches leaves "waiting" — a store
 * event from any instance wakes it — when it expires, when the client goes away, or when the
 * poll's own time is up.
 *
 * Two kinds of time, kept apart: whether something has expired is the domain's clock (`now`, the
 * injected one, which tests move); how long this HTTP request stays open is a timer of its own,
 * never a clock reading, so a test's frozen clock cannot hold a request open for ever.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiFail } from '../plugins/json-api';

/** A status request's query: `wait=1` asks it to wait for a change (anything else answers at once). */
export const longPollQuery = z.object({ wait: z.string().max(8).optional() });

export interface Watched {
  /** 'waiting' keeps the poll open; anything else is the answer. */
  status: string;
  expiresAt: number;
}

export async function longPoll(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    /** The client asked to wait (`?wait=1`); otherwise the status is answered at once. */
    wait: boolean;
    waitMs: number;
    now: () => number;
    /** The current state; null: there is nothing of this client's to watch (404). */
    read: () => Promise<Watched | null>;
    /** Resolves on a change (or after `ms`, or when `signal` aborts). */
    changed: (ms: number, signal: AbortSignal) => Promise<void>;
  },
) {
  const done = new AbortController();
  request.raw.once('close', () => done.abort());
  if (!options.wait) done.abort();
  const budget = setTimeout(() => done.abort(), options.waitMs);
  try {
    for (;;) {
      const watched = await options.read();
      if (!watched) return apiFail(reply, 404, 'not-found', 'Not found');
      if (watched.status !== 'waiting' || done.signal.aborted)
        return reply.header('cache-control', 'no-store').send({ status: watched.status });
      // The event, or the moment it would expire (a little after, so it reads as expired then).
      await options.changed(Math.max(watched.expiresAt - options.now(), 0) + 50, done.signal);
    }
  } finally {
    clearTimeout(budget);
  }
}
