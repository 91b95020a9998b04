/**
 * Events between server instances: "a device has new or ended requests", "a
 * device was removed", "an enrolment moved on". With SQLite there is one instance, and events stay in
 * the process; with PostgreSQL they travel through LISTEN/NOTIFY
 * (https://www.postgresql.org/docs/current/sql-notify.html), so a request made
 * on one instance reaches a device connected to another, and a page waiting on
 * either learns the outcome.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { z } from 'zod';

export const storeEvent = z.discriminatedUnion('kind', [
  /** A request of this device was created, sent, answered or used up. */
  z.strictObject({ kind: z.literal('push-changed'), deviceId: z.string().max(64), requestId: z.string().max(64) }),
  /** An enrolment was confirmed or cancelled: its waiting page answers. */
  z.strictObject({ kind: z.literal('enrolment-changed'), enrolmentId: z.string().max(64) }),
  /** Devices connected here should drop the connection and forget the account. */
  z.strictObject({ kind: z.literal('device-removed'), deviceId: z.string().max(64) }),
  /** Events may have been missed (the listening connection was lost): re-read everything. */
  z.strictObject({ kind: z.literal('resync') }),
]);
export type StoreEvent = z.infer<typeof storeEvent>;

export interface StoreEvents {
  publish(event: StoreEvent): Promise<void>;
  /** Calls `listener` for every event, from this instance or another; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  close(): Promise<void>;
}

function emitterEvents() {
  const emitter = new EventEmitter();
  // One listener per waiting page and per hub: many, by design.
  emitter.setMaxListeners(0);
  return {
    emit: (event: StoreEvent) => emitter.emit('event', event),
    subscribe(listener: (event: StoreEvent) => void) {
      emitter.on('event', listener);
      return () => void emitter.off('event', listener);
    },
  };
}

export function processEvents(): StoreEvents {
  const local = emitterEvents();
  return {
    async publish(event) {
      // Asynchronous like NOTIFY, so callers never run listeners inside their own step.
      queueMicrotask(() => local.emit(event));
    },
    subscribe: local.subscribe,
    close: async () => undefined,
  };
}

/**
 * Resolves as soon as an event `matches` (on this instance or another), after a resync (events may
 * have been missed), when `signal` aborts, or after `ms`: what a waiting page's long poll rests on.
 */
export function nextEvent(
  events: StoreEvents,
  matches: (event: StoreEvent) => boolean,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = events.subscribe((event) => {
      if (event.kind === 'resync' || matches(event)) done();
    });
    signal?.addEventListener('abort', done);
  });
}

/** Reconnection delays of the listening connection: doubling from the first to the last, then steady. */
export const LISTEN_RETRY_FIRST_MS = 250;
export const LISTEN_RETRY_MAX_MS = 10_000;

/**
 * LISTEN on a dedicated connection (a pooled one could be handed to someone else).
 *
 * Exactly one listening connection at a time, and one reconnect loop: only the
 * connection that is current may report its loss (a failed attempt's client also
 * emits 'end', which must not start a second loop), and the loop is a single
 * timer that is either pending or not. After a reconnect, listeners get a
 * `resync`: NOTIFY is not queued for a session that was not listening
 * (PostgreSQL docs, NOTIFY), so what happened meanwhile must be re-read.
 */
export async function postgresEvents(
  pool: pg.Pool,
  connect: () => pg.Client,
  channel: string,
  { heartbeatMs, heartbeatAnswerMs }: { heartbeatMs: number; heartbeatAnswerMs: number },
): Promise<StoreEvents> {
  const local = emitterEvents();
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let retryMs = LISTEN_RETRY_FIRST_MS;

  /**
   * The listening connection proves itself alive: every heartbeatMs a NOTIFY to its own channel,
   * which it must hear within heartbeatAnswerMs. A network that drops packets without a reset
   * leaves a connection that neither errors nor ends — and hears nothing, so no push would reach a
   * device again; such a connection is destroyed and replaced (then `resync`).
   */
  const heartbeatId = `heartbeat:${randomUUID()}`;
  /** Resolves the heartbeat waiting for its NOTIFY, when one waits. */
  let hear: () => void = () => undefined;
  let beat: ReturnType<typeof setTimeout> | undefined;
  function scheduleHeartbeat() {
    clearTimeout(beat);
    if (closed) return;
    beat = setTimeout(() => void heartbeat(), heartbeatMs);
    beat.unref();
  }
  async function heartbeat() {
    const current = client;
    if (closed || !current) return;
    // Heard back within heartbeatAnswerMs of asking, the NOTIFY's own query included (a frozen pool
    // times out later than that).
    const heard = new Promise<boolean>((resolve) => {
      hear = () => resolve(true);
      setTimeout(() => resolve(false), heartbeatAnswerMs).unref();
    });
    await pool
      .query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ kind: heartbeatId })])
      .catch(() => undefined);
    const alive = await heard;
    if (closed || client !== current) return;
    if (!alive) {
      // Silent: the socket goes at once (end() would wait on the dead connection), then the loop.
      client = undefined;
      (current as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      current.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    scheduleHeartbeat();
  }

  async function listen(): Promise<void> {
    const next = connect();
    next.on('notification', (message) => {
      if (next !== client || message.channel !== channel || !message.payload) return;
      let json: unknown;
      try {
        json = JSON.parse(message.payload);
      } catch {
        return;
      }
      if ((json as { kind?: unknown }).kind === heartbeatId) return hear();
      const event = storeEvent.safeParse(json);
      if (event.success) local.emit(event.data);
    });
    // A lost connection reports 'error' and then 'end'; only the current one starts the loop.
    next.on('error', () => undefined);
    next.on('end', () => {
      if (next !== client) return;
      client = undefined;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = LISTEN_RETRY_FIRST_MS;
    scheduleHeartbeat();
  }

  function scheduleReconnect(): void {
    if (closed || retry) return;
    retry = setTimeout(() => void reconnect(), retryMs);
    retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MAX_MS);
  }

  async function reconnect(): Promise<void> {
    try {
      await listen();
      retry = undefined;
      if (!closed) local.emit({ kind: 'resync' });
    } catch {
      retry = undefined;
      scheduleReconnect();
    }
  }
  await listen();

  return {
    async publish(event) {
      // NOTIFY payloads must stay under 8000 bytes; ours are ids only.
      await pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(event)]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearTimeout(beat);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
