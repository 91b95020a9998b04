/**
 * Signed-in sessions. The cookie holds a random token; the store holds its
 * hash, the user, how strongly they authenticated, and when (for "fresh"
 * re-authentication before sensitive changes).
 */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export interface Session {
  uid: string;
  strength: string;
  createdAt: number;
  authenticatedAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** Until when an existing device's approval lets this session add a device (docs/protocol.md §6). */
  stepUpUntil: number | null;
}

export function createSessionsRepo(sql: Sql, now: () => number) {
  return {
    async create(token: string, uid: string, strength: string, ttlMs: number): Promise<void> {
      const at = now();
      await sql.run(
        `INSERT INTO sessions (id_hash, uid, strength, created_at, authenticated_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [hashToken(token), uid, strength, at, at, at, at + ttlMs],
      );
    },
    /** The live session for a cookie token; slides its expiry forward (idle timeout), never past `maxMs` after its start. */
    async touch(token: string, idleMs: number, maxMs: number): Promise<Session | undefined> {
      const hash = hashToken(token);
      const at = now();
      const row = await sql.get<Record<string, number | string | null>>(
        'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?',
        [hash, at],
      );
      if (!row) return undefined;
      const expiresAt = Math.min(at + idleMs, Number(row.created_at) + maxMs);
      if (expiresAt <= at) return undefined;
      await sql.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?', [at, expiresAt, hash]);
      return {
        uid: String(row.uid),
        strength: String(row.strength),
        createdAt: Number(row.created_at),
        authenticatedAt: Number(row.authenticated_at),
        lastSeenAt: at,
        expiresAt,
        stepUpUntil: row.step_up_until === null ? null : Number(row.step_up_until),
      };
    },
    /** The user proved their password again ("sudo mode" before a sensitive change). */
    async reauthenticated(token: string): Promise<void> {
      await sql.run('UPDATE sessions SET authenticated_at = ? WHERE id_hash = ?', [now(), hashToken(token)]);
    },
    /** An existing device approved a sensitive change for this session until `until`; null withdraws it. */
    async setStepUp(token: string, until: number | null): Promise<void> {
      await sql.run('UPDATE sessions SET step_up_until = ? WHERE id_hash = ?', [until, hashToken(token)]);
    },
    async delete(token: string): Promise<void> {
      await sql.run('DELETE FROM sessions WHERE id_hash = ?', [hashToken(token)]);
    },
    /** Ends every session of a user but, optionally, one (after a password change). */
    async deleteAllFor(uid: string, exceptToken?: string): Promise<void> {
      await sql.run('DELETE FROM sessions WHERE uid = ? AND id_hash <> ?', [
        uid,
        exceptToken ? hashToken(exceptToken) : '',
      ]);
    },
  };
}
