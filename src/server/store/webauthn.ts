/** Security keys and trusted platforms, and the WebAuthn ceremonies in progress (migration 6). */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export type CredentialKind = 'platform' | 'security-key';

export interface StoredCredential {
  id: string;
  uid: string;
  name: string;
  kind: CredentialKind;
  publicKey: string;
  counter: number;
  transports: string[];
  aaguid: string;
  attestationFormat: string;
  /** verified: a checked attestation chain or statement; none: the authenticator gave none; self: self-attested. */
  attestation: 'verified' | 'self' | 'none';
  backedUp: boolean;
  /** The extension device (id) that registered it on the user's behalf, if any. */
  brokeredBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

const fromRow = (r: Record<string, unknown>): StoredCredential => ({
  id: String(r.id),
  uid: String(r.uid),
  name: String(r.name),
  kind: String(r.kind) as CredentialKind,
  publicKey: String(r.public_key),
  counter: Number(r.counter),
  transports: String(r.transports) ? String(r.transports).split(',') : [],
  aaguid: String(r.aaguid),
  attestationFormat: String(r.attestation_format),
  attestation: String(r.attestation) as StoredCredential['attestation'],
  backedUp: Number(r.backed_up) === 1,
  brokeredBy: r.brokered_by === null ? null : String(r.brokered_by),
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
});

export function createWebauthnCredentialsRepo(sql: Sql, now: () => number) {
  return {
    async create(c: Omit<StoredCredential, 'createdAt' | 'lastUsedAt'>): Promise<void> {
      await sql.run(
        `INSERT INTO webauthn_credentials (id, uid, name, kind, public_key, counter, transports, aaguid,
           attestation_format, attestation, backed_up, brokered_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          c.id,
          c.uid,
          c.name,
          c.kind,
          c.publicKey,
          c.counter,
          c.transports.join(','),
          c.aaguid,
          c.attestationFormat,
          c.attestation,
          c.backedUp ? 1 : 0,
          c.brokeredBy,
          now(),
        ],
      );
    },
    async byId(id: string): Promise<StoredCredential | undefined> {
      const row = await sql.get('SELECT * FROM webauthn_credentials WHERE id = ?', [id]);
      return row && fromRow(row);
    },
    async listFor(uid: string): Promise<StoredCredential[]> {
      return (await sql.all('SELECT * FROM webauthn_credentials WHERE uid = ? ORDER BY created_at', [uid])).map(
        fromRow,
      );
    },
    /**
     * Records a use: the new counter only if it moved forward (WebAuthn §6.1.1), compared in the
     * statement so two uses at once cannot both pass with the same value.
     */
    async used(id: string, counter: number): Promise<boolean> {
      return (
        (await sql.run(
          'UPDATE webauthn_credentials SET counter = ?, last_used_at = ? WHERE id = ? AND (counter < ? OR (counter = 0 AND ? = 0))',
          [counter, now(), id, counter, counter],
        )) === 1
      );
    },
    async rename(uid: string, id: string, name: string): Promise<boolean> {
      return (
        (await sql.run('UPDATE webauthn_credentials SET name = ? WHERE id = ? AND uid = ?', [name, id, uid])) === 1
      );
    },
    async remove(uid: string, id: string): Promise<boolean> {
      return (await sql.run('DELETE FROM webauthn_credentials WHERE id = ? AND uid = ?', [id, uid])) === 1;
    },
  };
}

export type CeremonyPurpose = 'register' | 'second-factor' | 'passkey';

export interface Ceremony {
  id: string;
  purpose: CeremonyPurpose;
  uid: string | null;
  bindingHash: string;
  challenge: string;
  data: Record<string, string>;
  expiresAt: number;
}

export function createWebauthnChallengesRepo(sql: Sql, now: () => number) {
  return {
    async create(c: Omit<Ceremony, 'bindingHash' | 'expiresAt'> & { binding: string; ttlMs: number }): Promise<void> {
      const at = now();
      await sql.run('DELETE FROM webauthn_challenges WHERE expires_at <= ?', [at]);
      await sql.run(
        'INSERT INTO webauthn_challenges (id, purpose, uid, binding_hash, challenge, data, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [c.id, c.purpose, c.uid, hashToken(c.binding), c.challenge, JSON.stringify(c.data), at + c.ttlMs],
      );
    },
    /** Single use: reading deletes. Undefined when unknown, expired, of another purpose or another binding. */
    async take(id: string, purposes: readonly CeremonyPurpose[], binding: string): Promise<Ceremony | undefined> {
      const row = await sql.get('SELECT * FROM webauthn_challenges WHERE id = ?', [id]);
      if (!row || (await sql.run('DELETE FROM webauthn_challenges WHERE id = ?', [id])) !== 1) return undefined;
      const purpose = String(row.purpose) as CeremonyPurpose;
      if (!purposes.includes(purpose) || String(row.binding_hash) !== hashToken(binding)) return undefined;
      if (Number(row.expires_at) <= now()) return undefined;
      return {
        id: String(row.id),
        purpose,
        uid: row.uid === null ? null : String(row.uid),
        bindingHash: String(row.binding_hash),
        challenge: String(row.challenge),
        data: JSON.parse(String(row.data)) as Record<string, string>,
        expiresAt: Number(row.expires_at),
      };
    },
  };
}
