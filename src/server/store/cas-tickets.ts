/**
 * CAS service tickets (CAS Protocol 3.0 §3.1): opaque, single use, bound to
 * the service they were issued for, and short-lived. Validation deletes.
 */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export interface TicketGrant {
  uid: string;
  service: string;
  strength: string;
}

export function createCasTicketsRepo(sql: Sql, now: () => number) {
  return {
    async create(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void> {
      const at = now();
      await sql.run(
        'INSERT INTO cas_tickets (ticket_hash, uid, service, strength, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        [hashToken(ticket), grant.uid, grant.service, grant.strength, at, at + ttlMs],
      );
    },
    /** Uses a ticket up. Returns its grant when it existed and was live; deleted either way. */
    async consume(ticket: string): Promise<(TicketGrant & { expired: boolean }) | undefined> {
      return sql.transaction(async (tx) => {
        const hash = hashToken(ticket);
        const row = await tx.get<Record<string, string | number>>('SELECT * FROM cas_tickets WHERE ticket_hash = ?', [
          hash,
        ]);
        if (!row || (await tx.run('DELETE FROM cas_tickets WHERE ticket_hash = ?', [hash])) !== 1) return undefined;
        return {
          uid: String(row.uid),
          service: String(row.service),
          strength: String(row.strength),
          expired: Number(row.expires_at) <= now(),
        };
      });
    },
  };
}
