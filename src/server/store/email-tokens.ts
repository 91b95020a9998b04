/** Single-use e-mail link tokens (password creation). Stored as hashes; consuming deletes. */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export type EmailTokenPurpose = 'set-password';

export function createEmailTokensRepo(sql: Sql, now: () => number) {
  return {
    async create(token: string, uid: string, purpose: EmailTokenPurpose, ttlMs: number): Promise<void> {
      const at = now();
      await sql.run(
        'INSERT INTO email_tokens (token_hash, uid, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [hashToken(token), uid, purpose, at, at + ttlMs],
      );
    },
    /** The uid a live token belongs to, without using it up (to show the form it leads to). */
    async peek(token: string, purpose: EmailTokenPurpose): Promise<string | undefined> {
      const row = await sql.get<{ uid: string }>(
        'SELECT uid FROM email_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ?',
        [hashToken(token), purpose, now()],
      );
      return row?.uid;
    },
    /** Uses a token up: deletes it and returns its uid if it was live. Exactly one caller wins. */
    async consume(token: string, purpose: EmailTokenPurpose): Promise<string | undefined> {
      const hash = hashToken(token);
      const row = await sql.get<{ uid: string; expires_at: number }>(
        'SELECT uid, expires_at FROM email_tokens WHERE token_hash = ? AND purpose = ?',
        [hash, purpose],
      );
      if (!row) return undefined;
      const deleted = await sql.run('DELETE FROM email_tokens WHERE token_hash = ?', [hash]);
      return deleted === 1 && Number(row.expires_at) > now() ? row.uid : undefined;
    },
    /** Drops every outstanding token of a user (a new request replaces older links). */
    async revokeAll(uid: string, purpose: EmailTokenPurpose): Promise<void> {
      await sql.run('DELETE FROM email_tokens WHERE uid = ? AND purpose = ?', [uid, purpose]);
    },
  };
}
