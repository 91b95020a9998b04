/** QR sign-ins in progress (migration 4). */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export interface LoginChallenge {
  id: string;
  uid: string;
  browserHash: string;
  challenge: string;
  service: string | null;
  attempts: number;
  expiresAt: number;
}

export function createLoginChallengesRepo(sql: Sql, now: () => number) {
  return {
    async create(c: {
      id: string;
      uid: string;
      browserToken: string;
      challenge: string;
      service?: string;
      ttlMs: number;
    }) {
      const at = now();
      await sql.run('DELETE FROM login_challenges WHERE expires_at <= ?', [at]);
      await sql.run(
        'INSERT INTO login_challenges (id, uid, browser_hash, challenge, service, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [c.id, c.uid, hashToken(c.browserToken), c.challenge, c.service ?? null, at, at + c.ttlMs],
      );
    },
    async byId(id: string): Promise<LoginChallenge | undefined> {
      const r = await sql.get('SELECT * FROM login_challenges WHERE id = ? AND expires_at > ?', [id, now()]);
      return (
        r && {
          id: String(r.id),
          uid: String(r.uid),
          browserHash: String(r.browser_hash),
          challenge: String(r.challenge),
          service: r.service === null ? null : String(r.service),
          attempts: Number(r.attempts),
          expiresAt: Number(r.expires_at),
        }
      );
    },
    /** Counts a wrong code; returns the attempts made so far. */
    async fail(id: string): Promise<number> {
      await sql.run('UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ?', [id]);
      return Number(
        (await sql.get<{ attempts: number }>('SELECT attempts FROM login_challenges WHERE id = ?', [id]))?.attempts ??
          0,
      );
    },
    /** Uses the challenge up; true for exactly one caller. */
    async consume(id: string): Promise<boolean> {
      return (await sql.run('DELETE FROM login_challenges WHERE id = ?', [id])) === 1;
    },
  };
}
