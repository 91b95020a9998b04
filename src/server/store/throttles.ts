/**
 * Throttling of secret checks and rate limits on costly actions.
 *
 * Throttle: consecutive failures per key (an account, an IP). The first few
 * are free; then each failure blocks the key for a doubling delay, and from
 * BLOCK_AFTER on for BLOCK_MS (the Copenhagen Book: "throttle, then block").
 * A success resets the key.
 */
import type { Sql } from './sql';

export const FREE_FAILURES = 3;
export const BLOCK_AFTER = 10;
export const BLOCK_MS = 15 * 60_000;

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  if (failures >= BLOCK_AFTER) return BLOCK_MS;
  return 1000 * 2 ** (failures - FREE_FAILURES); // 1 s, 2 s, 4 s … 64 s
}

export function createThrottlesRepo(sql: Sql, now: () => number) {
  return {
    /** Milliseconds until the key may try again (0: now). */
    async waitFor(key: string): Promise<number> {
      const row = await sql.get<{ blocked_until: number }>('SELECT blocked_until FROM throttles WHERE key = ?', [key]);
      return Math.max(0, Number(row?.blocked_until ?? 0) - now());
    },
    async fail(key: string): Promise<number> {
      return sql.transaction(async (tx) => {
        const at = now();
        const row = await tx.get<{ failures: number }>('SELECT failures FROM throttles WHERE key = ?', [key]);
        const failures = Number(row?.failures ?? 0) + 1;
        const blockedUntil = at + delayAfter(failures);
        await tx.run(
          `INSERT INTO throttles (key, failures, blocked_until, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until, updated_at = excluded.updated_at`,
          [key, failures, blockedUntil, at],
        );
        return failures;
      });
    },
    async succeed(key: string): Promise<void> {
      await sql.run('DELETE FROM throttles WHERE key = ?', [key]);
    },
    /**
     * Counts an action in a fixed window; false when `limit` is already reached
     * (the action must not happen).
     */
    async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
      return sql.transaction(async (tx) => {
        const at = now();
        const row = await tx.get<{ window_start: number; count: number }>(
          'SELECT window_start, count FROM rate_limits WHERE key = ?',
          [key],
        );
        const fresh = !row || Number(row.window_start) + windowMs <= at;
        const count = fresh ? 1 : Number(row.count) + 1;
        if (count > limit) return false;
        await tx.run(
          `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
          [key, fresh ? at : Number(row.window_start), count],
        );
        return true;
      });
    },
  };
}
