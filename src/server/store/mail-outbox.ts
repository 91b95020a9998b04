/**
 * The mail outbox: mail the server owes, kept until a mail server has taken it. A row is written
 * in the transaction of what it is about, so a mail is never promised and lost, nor sent about
 * something rolled back; the sender (domain/mail-sender.ts) takes rows one at a time under a
 * lease and deletes each once delivered. Every time a method takes is the sender's clock, given
 * by the caller: the store's own clock is the requests' (tests move it; the sender's is real).
 */
import type { Sql } from './sql';

/** A request for mail still to be worked out (registration, password link), or a mail ready to go. */
export type MailJobKind = 'registration' | 'password-link' | 'mail';

export interface ClaimedMailJob {
  id: string;
  kind: MailJobKind;
  /** The job, encrypted with the server key (domain/mail-jobs.ts). */
  sealed: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** After this the mail is given up (set at the first attempt). */
  deadlineAt: number;
}

export interface OutboxCounts {
  /** Not yet delivered, and not given up. */
  waiting: number;
  /** Given up after their deadline or refused for good by the mail server (kept a week). */
  failed: number;
}

export function createMailOutboxRepo(sql: Sql) {
  // PostgreSQL: instances claiming at once skip each other's rows instead of waiting on them
  // (https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE). SQLite runs
  // one write at a time, and one process owns its file: the UPDATE alone is atomic.
  const skipLocked = sql.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  return {
    async add(job: { id: string; kind: MailJobKind; sealed: string; createdAt: number }): Promise<void> {
      await sql.run(
        `INSERT INTO mail_outbox (id, kind, sealed, created_at, attempts, next_attempt_at, lease_until)
         VALUES (?, ?, ?, ?, 0, 0, 0)`,
        [job.id, job.kind, job.sealed, job.createdAt],
      );
    },
    /**
     * Takes the job that has waited longest among those due and not held by another sender, for
     * `leaseMs` (a sender that dies leaves it to be taken again once its lease ends).
     */
    async claim(at: number, leaseMs: number, deadlineMs: number): Promise<ClaimedMailJob | undefined> {
      const row = await sql.get<{
        id: string;
        kind: MailJobKind;
        sealed: string;
        attempts: number;
        deadline_at: number;
      }>(
        `UPDATE mail_outbox SET attempts = attempts + 1, lease_until = ?, deadline_at = COALESCE(deadline_at, ?)
         WHERE id = (SELECT id FROM mail_outbox
                     WHERE failed_at IS NULL AND next_attempt_at <= ? AND lease_until <= ?
                     ORDER BY next_attempt_at, created_at LIMIT 1 ${skipLocked})
           AND lease_until <= ?
         RETURNING id, kind, sealed, attempts, deadline_at`,
        // The lease is checked again on the row itself: a claim that raced another one re-reads
        // the row after the other committed (READ COMMITTED), and then finds it taken.
        [at + leaseMs, at + deadlineMs, at, at, at],
      );
      if (!row) return undefined;
      return { ...row, attempts: Number(row.attempts), deadlineAt: Number(row.deadline_at) };
    },
    /** A request worked out: the row now holds its mail (in the transaction that made what it says). */
    async becomeMail(id: string, sealed: string): Promise<void> {
      await sql.run(`UPDATE mail_outbox SET kind = 'mail', sealed = ? WHERE id = ?`, [sealed, id]);
    },
    /** Delivered, or nothing to send: the row goes (with the link it carried). */
    async remove(id: string): Promise<void> {
      await sql.run('DELETE FROM mail_outbox WHERE id = ?', [id]);
    },
    /** Failed for now: tried again at `nextAt`. `error` names the failure, never the mail or its address. */
    async retryAt(id: string, nextAt: number, error: string): Promise<void> {
      await sql.run('UPDATE mail_outbox SET next_attempt_at = ?, lease_until = 0, last_error = ? WHERE id = ?', [
        nextAt,
        error,
        id,
      ]);
    },
    /** Shutdown during an attempt: not counted, and free for the next sender at once. */
    async release(id: string): Promise<void> {
      await sql.run('UPDATE mail_outbox SET lease_until = 0, attempts = attempts - 1 WHERE id = ?', [id]);
    },
    /** Given up: the content (and its link) is erased; the row stays a week for the operator. */
    async giveUp(id: string, at: number, error: string): Promise<void> {
      await sql.run(`UPDATE mail_outbox SET sealed = '', failed_at = ?, lease_until = 0, last_error = ? WHERE id = ?`, [
        at,
        error,
        id,
      ]);
    },
    /** When the next job falls due (a past time: now), or undefined when none waits. */
    async nextDueAt(): Promise<number | undefined> {
      const row = await sql.get<{ due: number | null }>(
        `SELECT MIN(CASE WHEN lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END) AS due
         FROM mail_outbox WHERE failed_at IS NULL`,
      );
      return row?.due === null || row?.due === undefined ? undefined : Number(row.due);
    },
    async counts(): Promise<OutboxCounts> {
      const row = await sql.get<{ waiting: number | null; failed: number | null }>(
        `SELECT SUM(CASE WHEN failed_at IS NULL THEN 1 ELSE 0 END) AS waiting,
                SUM(CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END) AS failed
         FROM mail_outbox`,
      );
      return { waiting: Number(row?.waiting ?? 0), failed: Number(row?.failed ?? 0) };
    },
    /** Forgets mail given up before `before`. */
    async purgeFailed(before: number): Promise<number> {
      return sql.run('DELETE FROM mail_outbox WHERE failed_at < ?', [before]);
    },
  };
}
