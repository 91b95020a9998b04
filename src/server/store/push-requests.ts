/** Push requests (migration 5): one sign-in or step-up approval asked of one device. */
import type { PushPurpose } from '../../core/push-api';
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

/**
 * `choosing`: the user picks a device; `pending`: sent, waiting for an answer;
 * then one final state. `approved` is used up by the page that waits for it.
 */
export type PushStatus =
  'choosing' | 'pending' | 'approved' | 'denied' | 'reported' | 'wrong-number' | 'failed' | 'locked';

export interface PushRequest {
  id: string;
  uid: string;
  deviceId: string | null;
  purpose: PushPurpose;
  browserHash: string;
  challenge: string;
  number: number;
  choices: number[];
  service: string | null;
  serviceName: string | null;
  client: { browser: string; os: string; ip: string };
  status: PushStatus;
  attempts: number;
  createdAt: number;
  expiresAt: number;
}

const fromRow = (r: Record<string, unknown>): PushRequest => ({
  id: String(r.id),
  uid: String(r.uid),
  deviceId: r.device_id === null ? null : String(r.device_id),
  purpose: String(r.purpose) as PushPurpose,
  browserHash: String(r.browser_hash),
  challenge: String(r.challenge),
  number: Number(r.number),
  choices: String(r.choices).split(',').map(Number),
  service: r.service === null ? null : String(r.service),
  serviceName: r.service_name === null ? null : String(r.service_name),
  client: { browser: String(r.client_browser), os: String(r.client_os), ip: String(r.client_ip) },
  status: String(r.status) as PushStatus,
  attempts: Number(r.attempts),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

export type NewPushRequest = Omit<PushRequest, 'browserHash' | 'status' | 'attempts' | 'createdAt' | 'expiresAt'> & {
  browserToken: string;
  ttlMs: number;
};

export function createPushRequestsRepo(sql: Sql, now: () => number) {
  return {
    async create(r: NewPushRequest): Promise<void> {
      const at = now();
      // Final requests are kept a minute past expiry so a late page still learns the outcome; then dropped.
      await sql.run('DELETE FROM push_requests WHERE expires_at <= ?', [at - 60_000]);
      await sql.run(
        `INSERT INTO push_requests (id, uid, device_id, purpose, browser_hash, challenge, number, choices, service,
           service_name, client_browser, client_os, client_ip, status, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.id,
          r.uid,
          r.deviceId,
          r.purpose,
          hashToken(r.browserToken),
          r.challenge,
          r.number,
          r.choices.join(','),
          r.service,
          r.serviceName,
          r.client.browser,
          r.client.os,
          r.client.ip,
          r.deviceId === null ? 'choosing' : 'pending',
          at,
          at + r.ttlMs,
        ],
      );
    },
    /** The request, whatever its state, while it is kept (expired ones included: the page says "expired"). */
    async byId(id: string): Promise<PushRequest | undefined> {
      const row = await sql.get('SELECT * FROM push_requests WHERE id = ?', [id]);
      return row && fromRow(row);
    },
    /** What a device has to answer: pending and not expired, oldest first. */
    async pendingFor(deviceId: string): Promise<PushRequest[]> {
      const rows = await sql.all(
        "SELECT * FROM push_requests WHERE device_id = ? AND status = 'pending' AND expires_at > ? ORDER BY created_at LIMIT 20",
        [deviceId, now()],
      );
      return rows.map(fromRow);
    },
    /** choosing → pending for the device the user picked, with a fresh expiry. */
    async send(id: string, deviceId: string, ttlMs: number): Promise<boolean> {
      const at = now();
      return (
        (await sql.run(
          "UPDATE push_requests SET device_id = ?, status = 'pending', expires_at = ? WHERE id = ? AND status = 'choosing' AND expires_at > ?",
          [deviceId, at + ttlMs, id, at],
        )) === 1
      );
    },
    /** pending → a final state; true for exactly one caller, and only before expiry. */
    async decide(id: string, status: Exclude<PushStatus, 'choosing' | 'pending'>): Promise<boolean> {
      const at = now();
      return (
        (await sql.run(
          "UPDATE push_requests SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending' AND expires_at > ?",
          [status, at, id, at],
        )) === 1
      );
    },
    /** Counts a wrong code; returns the attempts so far. */
    async fail(id: string): Promise<number> {
      await sql.run('UPDATE push_requests SET attempts = attempts + 1 WHERE id = ?', [id]);
      const row = await sql.get<{ attempts: number }>('SELECT attempts FROM push_requests WHERE id = ?', [id]);
      return Number(row?.attempts ?? 0);
    },
    /** Uses a request up (the page that learnt the outcome); true for exactly one caller. */
    async consume(id: string): Promise<boolean> {
      return (await sql.run('DELETE FROM push_requests WHERE id = ?', [id])) === 1;
    },
  };
}
