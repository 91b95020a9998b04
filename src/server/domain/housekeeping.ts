/**
 * Background purges of what expired, off the request path: a signed device
 * request must not pay for deleting other requests' nonces; mail given up long ago.
 */
import type { Log } from '../platform/log';
import type { Store } from '../store/store';

export const PURGE_EVERY_MS = 60_000;
export const FAILED_MAIL_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Starts the periodic purge; returns the function that stops it (and waits for a purge under way). */
export function startHousekeeping(store: Store, log: Log, everyMs = PURGE_EVERY_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = Promise.all([
      store.devices.purgeNonces().then((purged) => {
        if (purged > 0) log.debug({ purged }, 'expired request nonces purged');
      }),
      store.oidcState.purgeExpired().then((purged) => {
        if (purged > 0) log.debug({ purged }, 'expired OpenID Provider state purged');
      }),
      // Mail given up stays a week for the operator (docs/operations.md), then goes.
      store.mailOutbox.purgeFailed(Date.now() - FAILED_MAIL_KEPT_MS).then((purged) => {
        if (purged > 0) log.debug({ purged }, 'mail given up over a week ago purged');
      }),
    ])
      .then(() => undefined)
      .catch((error: unknown) => log.warn({ err: error }, 'housekeeping failed'));
  }, everyMs);
  // Never the reason the process stays alive.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
