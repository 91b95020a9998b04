/**
 * What the OpenID Provider keeps between requests (domain/oidc/provider.ts): one row per model
 * instance — its sessions, interactions, grants, authorization codes, access and refresh tokens —
 * in the shape of oidc-provider's adapter (find, upsert, consume, destroy, revoke a grant's). Ids
 * are stored only as SHA-256 hashes and the payload without its `jti`: a code, token or session
 * cookie value never rests in the database, so a copy of it grants nothing.
 */
import { hashToken } from '../platform/tokens';
import type { Sql } from './sql';

export type OidcPayload = Record<string, unknown>;

export interface OidcRow {
  payload: OidcPayload;
  /** When oidc-provider marked it used (an authorization code, a rotated refresh token), in seconds. */
  consumed?: number;
}

export function createOidcStateRepo(sql: Sql, now: () => number) {
  /** A row's payload as oidc-provider wrote it, with its id back as `jti` where it had one; none when expired. */
  const read = (row: Record<string, unknown> | undefined, id?: string): OidcPayload | undefined => {
    if (!row) return undefined;
    if (row.expires_at !== null && Number(row.expires_at) <= now()) return undefined;
    const { sidekeyNoJti, ...payload } = JSON.parse(String(row.payload)) as OidcPayload;
    if (sidekeyNoJti !== true && id !== undefined) payload.jti = id;
    if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
    return payload;
  };
  return {
    async upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined) {
      // The jti is the id: kept out of the stored payload and put back from the id on reading.
      const { jti, ...rest } = payload;
      const stored = JSON.stringify(jti === undefined ? { ...rest, sidekeyNoJti: true } : rest);
      await sql.run(
        `INSERT INTO oidc_state (model, id_hash, payload, grant_id, uid, user_code, expires_at, consumed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (model, id_hash) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
           uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
        [
          model,
          hashToken(id),
          stored,
          typeof payload.grantId === 'string' ? payload.grantId : null,
          typeof payload.uid === 'string' ? payload.uid : null,
          typeof payload.userCode === 'string' ? hashToken(payload.userCode) : null,
          expiresInSeconds ? now() + expiresInSeconds * 1000 : null,
        ],
      );
    },
    async find(model: string, id: string): Promise<OidcPayload | undefined> {
      return read(
        await sql.get('SELECT * FROM oidc_state WHERE model = ? AND id_hash = ?', [model, hashToken(id)]),
        id,
      );
    },
    /** By the uid oidc-provider gives a session or interaction (its id, a bearer value, is not known here). */
    async findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
      return read(await sql.get('SELECT * FROM oidc_state WHERE model = ? AND uid = ?', [model, uid]));
    },
    async findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
      return read(
        await sql.get('SELECT * FROM oidc_state WHERE model = ? AND user_code = ?', [model, hashToken(userCode)]),
      );
    },
    async consume(model: string, id: string): Promise<void> {
      await sql.run('UPDATE oidc_state SET consumed_at = ? WHERE model = ? AND id_hash = ?', [
        now(),
        model,
        hashToken(id),
      ]);
    },
    async destroy(model: string, id: string): Promise<void> {
      await sql.run('DELETE FROM oidc_state WHERE model = ? AND id_hash = ?', [model, hashToken(id)]);
    },
    /** Every code and token of a grant, whatever its model (a replayed code or refresh token revokes them all). */
    async revokeByGrantId(grantId: string): Promise<void> {
      await sql.run('DELETE FROM oidc_state WHERE grant_id = ?', [grantId]);
    },
    async purgeExpired(): Promise<number> {
      return sql.run('DELETE FROM oidc_state WHERE expires_at IS NOT NULL AND expires_at <= ?', [now()]);
    },
  };
}
