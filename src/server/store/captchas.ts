/** Picture-code challenges: single use (any check deletes), short-lived, answer kept only as a hash. */
import { hashToken, safeEqual } from '../platform/tokens';
import type { Sql } from './sql';

export function createCaptchasRepo(sql: Sql, now: () => number) {
  return {
    async create(id: string, answer: string, ttlMs: number): Promise<void> {
      await sql.run('INSERT INTO captchas (id_hash, answer_hash, expires_at) VALUES (?, ?, ?)', [
        hashToken(id),
        hashToken(answer.toLowerCase()),
        now() + ttlMs,
      ]);
    },
    async exists(id: string): Promise<boolean> {
      return !!(await sql.get('SELECT 1 AS one FROM captchas WHERE id_hash = ? AND expires_at > ?', [
        hashToken(id),
        now(),
      ]));
    },
    /** Checks an answer and uses the challenge up, right or wrong. */
    async check(id: string, answer: string): Promise<boolean> {
      return sql.transaction(async (tx) => {
        const row = await tx.get<{ answer_hash: string; expires_at: number }>(
          'SELECT answer_hash, expires_at FROM captchas WHERE id_hash = ?',
          [hashToken(id)],
        );
        if (!row) return false;
        await tx.run('DELETE FROM captchas WHERE id_hash = ?', [hashToken(id)]);
        return Number(row.expires_at) > now() && safeEqual(row.answer_hash, hashToken(answer.trim().toLowerCase()));
      });
    },
    async purgeExpired(): Promise<number> {
      return sql.run('DELETE FROM captchas WHERE expires_at <= ?', [now()]);
    },
  };
}
