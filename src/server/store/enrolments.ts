/**
 * Enrolments: from "Submit" on the "Add mobile device" page until the device
 * confirms. status: waiting (QR shown), sent (secret handed to the device,
 * waiting for its signed confirmation), done, cancelled (too many wrong PINs).
 * Expired rows read as expired; the PIN proof hash is dropped when it ends.
 */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export type EnrolmentStatus = 'waiting' | 'sent' | 'done' | 'cancelled';

export interface Enrolment {
  id: string;
  uid: string;
  tokenHash: string;
  pinProofHash: string | null;
  deviceName: string;
  status: EnrolmentStatus;
  pinFailures: number;
  deviceId: string | null;
  createdAt: number;
  expiresAt: number;
}

const fromRow = (r: Record<string, unknown>): Enrolment => ({
  id: String(r.id),
  uid: String(r.uid),
  tokenHash: String(r.token_hash),
  pinProofHash: r.pin_proof_hash === null ? null : String(r.pin_proof_hash),
  deviceName: String(r.device_name),
  status: String(r.status) as EnrolmentStatus,
  pinFailures: Number(r.pin_failures),
  deviceId: r.device_id === null ? null : String(r.device_id),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

export function createEnrolmentsRepo(sql: Sql, now: () => number) {
  return {
    async create(e: { id: string; uid: string; token: string; pinProof: string; deviceName: string; ttlMs: number }) {
      const at = now();
      // One enrolment at a time per account: a new one replaces any unfinished one.
      await sql.run("DELETE FROM enrolments WHERE uid = ? AND status IN ('waiting', 'sent')", [e.uid]);
      await sql.run(
        `INSERT INTO enrolments (id, uid, token_hash, pin_proof_hash, device_name, status, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)`,
        [e.id, e.uid, hashToken(e.token), hashToken(e.pinProof), e.deviceName, at, at + e.ttlMs],
      );
    },
    async byId(id: string): Promise<Enrolment | undefined> {
      const row = await sql.get('SELECT * FROM enrolments WHERE id = ?', [id]);
      return row && fromRow(row);
    },
    async failPin(id: string, cancelAfter: number): Promise<number> {
      await sql.run(
        `UPDATE enrolments SET pin_failures = pin_failures + 1,
           status = CASE WHEN pin_failures + 1 >= ? THEN 'cancelled' ELSE status END,
           pin_proof_hash = CASE WHEN pin_failures + 1 >= ? THEN NULL ELSE pin_proof_hash END
         WHERE id = ? AND status = 'waiting'`,
        [cancelAfter, cancelAfter, id],
      );
      return (await this.byId(id))?.pinFailures ?? cancelAfter;
    },
    /** waiting → sent, exactly once (a replayed or concurrent completion loses). */
    async markSent(id: string, deviceId: string): Promise<boolean> {
      return (
        (await sql.run(
          "UPDATE enrolments SET status = 'sent', device_id = ?, pin_proof_hash = NULL WHERE id = ? AND status = 'waiting' AND expires_at > ?",
          [deviceId, id, now()],
        )) === 1
      );
    },
    async markDone(id: string): Promise<boolean> {
      return (
        (await sql.run("UPDATE enrolments SET status = 'done' WHERE id = ? AND status = 'sent' AND expires_at > ?", [
          id,
          now(),
        ])) === 1
      );
    },
    async byDevice(deviceId: string): Promise<Enrolment | undefined> {
      const row = await sql.get('SELECT * FROM enrolments WHERE device_id = ?', [deviceId]);
      return row && fromRow(row);
    },
  };
}
