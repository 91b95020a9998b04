/**
 * Background purges of what expired, off the request path: a signed device
 * request must not pay for deleting other requests' nonces.
 */
import type { Log } from '../platform/log';
import type { Store } from '../store/store';

export const PURGE_EVERY_MS = 60_000;

/** Starts the periodic purge; returns the function that stops it (and waits for a purge under way). */
export function startHousekeeping(store: Store, log: Log, everyMs = PURGE_EVERY_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = store.devices
      .purgeNonces()
      .then((purged) => {
        if (purged > 0) log.debug({ purged }, 'expired request nonces purged');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'purging expired request nonces failed'));
  }, everyMs);
  // Never the reason the process stays alive.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
