/** Second devices (the extension) of an account, and the nonces of their signed requests. */
import type { Sql } from './sql';

export type DeviceStatus = 'pending' | 'active' | 'locked';

export interface Device {
  id: string;
  uid: string;
  name: string;
  status: DeviceStatus;
  publicKeyJwk: string;
  ocraKeyEnc: string;
  ocraSuite: string;
  browser: string;
  createdAt: number;
  lastUsedAt: number | null;
  pinFailures: number;
}

const fromRow = (r: Record<string, unknown>): Device => ({
  id: String(r.id),
  uid: String(r.uid),
  name: String(r.name),
  status: String(r.status) as DeviceStatus,
  publicKeyJwk: String(r.public_key_jwk),
  ocraKeyEnc: String(r.ocra_key_enc),
  ocraSuite: String(r.ocra_suite),
  browser: String(r.browser),
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  pinFailures: Number(r.pin_failures),
});

/** How stale `last_used_at` may get before a use writes it again. */
export const TOUCH_EVERY_MS = 60_000;

export function createDevicesRepo(sql: Sql, now: () => number) {
  return {
    async create(device: Omit<Device, 'lastUsedAt' | 'pinFailures'>): Promise<void> {
      await sql.run(
        `INSERT INTO devices (id, uid, name, status, public_key_jwk, ocra_key_enc, ocra_suite, browser, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          device.id,
          device.uid,
          device.name,
          device.status,
          device.publicKeyJwk,
          device.ocraKeyEnc,
          device.ocraSuite,
          device.browser,
          device.createdAt,
        ],
      );
    },
    async byId(id: string): Promise<Device | undefined> {
      const row = await sql.get('SELECT * FROM devices WHERE id = ?', [id]);
      return row && fromRow(row);
    },
    /** The account's devices that count: active or locked (pending ones are half-way through enrolment). */
    async listFor(uid: string): Promise<Device[]> {
      const rows = await sql.all("SELECT * FROM devices WHERE uid = ? AND status <> 'pending' ORDER BY created_at", [
        uid,
      ]);
      return rows.map(fromRow);
    },
    /** The devices that can answer now: active (not pending, not locked), oldest first. */
    async activeFor(uid: string): Promise<Device[]> {
      const rows = await sql.all("SELECT * FROM devices WHERE uid = ? AND status = 'active' ORDER BY created_at", [
        uid,
      ]);
      return rows.map(fromRow);
    },
    /** pending → active; false when the device is not pending (already confirmed, or gone). */
    async activate(id: string): Promise<boolean> {
      return (
        (await sql.run("UPDATE devices SET status = 'active', last_used_at = ? WHERE id = ? AND status = 'pending'", [
          now(),
          id,
        ])) === 1
      );
    },
    async rename(uid: string, id: string, name: string): Promise<boolean> {
      return (
        (await sql.run("UPDATE devices SET name = ? WHERE id = ? AND uid = ? AND status <> 'pending'", [
          name,
          id,
          uid,
        ])) === 1
      );
    },
    async remove(uid: string, id: string): Promise<boolean> {
      return (await sql.run('DELETE FROM devices WHERE id = ? AND uid = ?', [id, uid])) === 1;
    },
    /** Devices still waiting for their confirmation: dropped when the account starts another enrolment. */
    async removePending(uid: string): Promise<void> {
      await sql.run("DELETE FROM devices WHERE uid = ? AND status = 'pending'", [uid]);
    },
    /**
     * Marks the device as used now. At most once a minute (the page shows minutes): a device
     * polling or reconnecting often costs the store no write each time.
     */
    async touch(id: string): Promise<void> {
      const at = now();
      await sql.run(
        'UPDATE devices SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)',
        [at, id, at - TOUCH_EVERY_MS],
      );
    },
    /** A wrong one-time password: counts against the device, locking it at `lockAfter` (RFC 6287 §7.1 counters). */
    async failPin(id: string, lockAfter: number): Promise<number> {
      await sql.run(
        `UPDATE devices SET pin_failures = pin_failures + 1,
           status = CASE WHEN pin_failures + 1 >= ? THEN 'locked' ELSE status END
         WHERE id = ? AND status = 'active'`,
        [lockAfter, id],
      );
      return Number(
        (await sql.get<{ pin_failures: number }>('SELECT pin_failures FROM devices WHERE id = ?', [id]))
          ?.pin_failures ?? lockAfter,
      );
    },
    async pinSucceeded(id: string): Promise<void> {
      await sql.run('UPDATE devices SET pin_failures = 0, last_used_at = ? WHERE id = ?', [now(), id]);
    },
    /**
     * Accepts a signed request's nonce once; false when it was seen before. Expired nonces are
     * purged in the background (purgeNonces), not here: a nonce outlives the signature's
     * freshness window, so one still in the table can only belong to a request refused as stale.
     */
    async useNonce(nonce: string, ttlMs: number): Promise<boolean> {
      return (
        (await sql.run('INSERT INTO request_nonces (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING', [
          nonce,
          now() + ttlMs,
        ])) === 1
      );
    },
    /** Deletes the nonces whose time is over (indexed on expires_at); returns how many. */
    async purgeNonces(): Promise<number> {
      return sql.run('DELETE FROM request_nonces WHERE expires_at <= ?', [now()]);
    },
  };
}
