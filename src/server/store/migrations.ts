/**
 * One ordered list of migrations for both engines. A migration is SQL in the
 * subset SQLite and PostgreSQL share, with the few differing column types taken
 * from `t` (dialectTypes). Applied migrations are recorded; each runs once, in
 * its own transaction, and never changes after it has shipped: add a new one.
 */
import { dialectTypes, type DialectTypes, type Sql } from './sql';

export interface Migration {
  version: number;
  name: string;
  up: (t: DialectTypes) => string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'server metadata',
    up: (t) => [
      `CREATE TABLE server_meta (
         key TEXT PRIMARY KEY,
         value TEXT NOT NULL,
         updated_at ${t.bigint} NOT NULL
       )`,
    ],
  },
  {
    version: 2,
    name: 'accounts, e-mail tokens, captchas, sessions, activity, throttles, CAS tickets',
    up: (t) => [
      // uid is the unique identifier shown to the user (n00xxxxx); email is stored lower-cased.
      `CREATE TABLE users (
         uid TEXT PRIMARY KEY,
         email TEXT NOT NULL UNIQUE,
         first_name TEXT NOT NULL,
         last_name TEXT NOT NULL,
         language TEXT NOT NULL,
         password_hash TEXT,
         created_at ${t.bigint} NOT NULL,
         password_set_at ${t.bigint}
       )`,
      // Bearer tokens: only their SHA-256 is stored; reading one to use it deletes it.
      `CREATE TABLE email_tokens (
         token_hash TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         purpose TEXT NOT NULL,
         created_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      `CREATE INDEX email_tokens_uid ON email_tokens (uid)`,
      `CREATE TABLE captchas (
         id_hash TEXT PRIMARY KEY,
         answer_hash TEXT NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      `CREATE TABLE sessions (
         id_hash TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         strength TEXT NOT NULL,
         created_at ${t.bigint} NOT NULL,
         authenticated_at ${t.bigint} NOT NULL,
         last_seen_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      `CREATE INDEX sessions_uid ON sessions (uid)`,
      `CREATE TABLE activity (
         id ${t.serial},
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         at ${t.bigint} NOT NULL,
         kind TEXT NOT NULL,
         detail TEXT NOT NULL,
         ip TEXT NOT NULL,
         user_agent TEXT NOT NULL
       )`,
      `CREATE INDEX activity_uid_at ON activity (uid, at)`,
      // Consecutive failures of a secret check, per key (an account, an IP, an e-mail address).
      `CREATE TABLE throttles (
         key TEXT PRIMARY KEY,
         failures INTEGER NOT NULL,
         blocked_until ${t.bigint} NOT NULL,
         updated_at ${t.bigint} NOT NULL
       )`,
      // Fixed-window counters for actions that cost something (sending e-mail).
      `CREATE TABLE rate_limits (
         key TEXT PRIMARY KEY,
         window_start ${t.bigint} NOT NULL,
         count INTEGER NOT NULL
       )`,
      `CREATE TABLE cas_tickets (
         ticket_hash TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         service TEXT NOT NULL,
         strength TEXT NOT NULL,
         created_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
    ],
  },
  {
    version: 3,
    name: 'devices, enrolments, signed-request nonces',
    up: (t) => [
      // status: pending (secret sent, waiting for the device's signed confirmation), active, locked.
      `CREATE TABLE devices (
         id TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         name TEXT NOT NULL,
         status TEXT NOT NULL,
         public_key_jwk TEXT NOT NULL,
         ocra_key_enc TEXT NOT NULL,
         ocra_suite TEXT NOT NULL,
         browser TEXT NOT NULL,
         created_at ${t.bigint} NOT NULL,
         last_used_at ${t.bigint},
         pin_failures INTEGER NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX devices_uid ON devices (uid)`,
      // An enrolment lives from "Submit" on the page until the device confirms, or it expires.
      // Only hashes of its bearer token and of the PIN proof are kept.
      `CREATE TABLE enrolments (
         id TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         token_hash TEXT NOT NULL,
         pin_proof_hash TEXT,
         device_name TEXT NOT NULL,
         status TEXT NOT NULL,
         pin_failures INTEGER NOT NULL DEFAULT 0,
         device_id TEXT,
         created_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      `CREATE INDEX enrolments_uid ON enrolments (uid)`,
      // Signed device requests carry a nonce; each is accepted once while its timestamp is valid.
      `CREATE TABLE request_nonces (
         nonce TEXT PRIMARY KEY,
         expires_at ${t.bigint} NOT NULL
       )`,
    ],
  },
  {
    version: 4,
    name: 'login challenges (QR sign-in)',
    up: (t) => [
      // One QR sign-in in progress, bound to the browser that gave the password
      // (only the hash of its cookie token is kept). The challenge is shown in
      // the QR, so it is no secret; it is used once.
      `CREATE TABLE login_challenges (
         id TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         browser_hash TEXT NOT NULL,
         challenge TEXT NOT NULL,
         service TEXT,
         attempts INTEGER NOT NULL DEFAULT 0,
         created_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      `CREATE INDEX login_challenges_uid ON login_challenges (uid)`,
    ],
  },
  {
    version: 5,
    name: 'push requests, step-up approvals in sessions',
    up: (t) => [
      // A request to one device (PIN Code method, or approval of a new device).
      // device_id is NULL while the user chooses among several devices. The
      // challenge and number are shown to the device and the page, so they
      // are no secret; what proves the answer is the device's signature and
      // the OCRA response (docs/protocol.md §6).
      `CREATE TABLE push_requests (
         id TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         device_id TEXT REFERENCES devices (id) ON DELETE CASCADE,
         purpose TEXT NOT NULL,
         browser_hash TEXT NOT NULL,
         challenge TEXT NOT NULL,
         number INTEGER NOT NULL,
         choices TEXT NOT NULL,
         service TEXT,
         service_name TEXT,
         client_browser TEXT NOT NULL,
         client_os TEXT NOT NULL,
         client_ip TEXT NOT NULL,
         status TEXT NOT NULL,
         attempts INTEGER NOT NULL DEFAULT 0,
         created_at ${t.bigint} NOT NULL,
         expires_at ${t.bigint} NOT NULL,
         decided_at ${t.bigint}
       )`,
      `CREATE INDEX push_requests_device ON push_requests (device_id, status)`,
      // Until when an approval from an existing device allows adding another device (or security key).
      `ALTER TABLE sessions ADD COLUMN step_up_until ${t.bigint}`,
    ],
  },
  {
    version: 6,
    name: 'WebAuthn credentials and ceremonies',
    up: (t) => [
      // Security keys and trusted platforms (WebAuthn Level 3). The id is the credential ID
      // (base64url); the public key is COSE (RFC 9053) in base64url; the counter is the
      // authenticator's signature counter (§6.1.1), checked at every use.
      `CREATE TABLE webauthn_credentials (
         id TEXT PRIMARY KEY,
         uid TEXT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
         name TEXT NOT NULL,
         kind TEXT NOT NULL,
         public_key TEXT NOT NULL,
         counter ${t.bigint} NOT NULL,
         transports TEXT NOT NULL,
         aaguid TEXT NOT NULL,
         attestation_format TEXT NOT NULL,
         attestation TEXT NOT NULL,
         backed_up INTEGER NOT NULL,
         brokered_by TEXT,
         created_at ${t.bigint} NOT NULL,
         last_used_at ${t.bigint}
       )`,
      `CREATE INDEX webauthn_credentials_uid ON webauthn_credentials (uid)`,
      // A ceremony in progress: its challenge, single use, bound to a session or a browser (hash).
      `CREATE TABLE webauthn_challenges (
         id TEXT PRIMARY KEY,
         purpose TEXT NOT NULL,
         uid TEXT,
         binding_hash TEXT NOT NULL,
         challenge TEXT NOT NULL,
         data TEXT NOT NULL,
         expires_at ${t.bigint} NOT NULL
       )`,
      // The user handle given to authenticators (WebAuthn §14.6.1: not the e-mail or the uid).
      `ALTER TABLE users ADD COLUMN webauthn_handle TEXT`,
    ],
  },
  {
    version: 7,
    name: 'indexes for purging what expired',
    up: () => [
      // Expired rows are deleted by expiry time; without these, each purge scans the whole table
      // (the nonce table grows with every signed device request).
      `CREATE INDEX request_nonces_expires ON request_nonces (expires_at)`,
      `CREATE INDEX login_challenges_expires ON login_challenges (expires_at)`,
      `CREATE INDEX push_requests_expires ON push_requests (expires_at)`,
      `CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at)`,
    ],
  },
  {
    version: 8,
    name: 'mail outbox',
    up: (t) => [
      // Mail to send, written in the transaction of what it is about and deleted once the mail
      // server took it (store/mail-outbox.ts). `sealed` is encrypted with the server key (a mail
      // carries a password link); it is emptied when a mail is given up. The times of a job's
      // attempts are the sender's clock; `created_at` is the request's.
      `CREATE TABLE mail_outbox (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         sealed TEXT NOT NULL,
         created_at ${t.bigint} NOT NULL,
         attempts INTEGER NOT NULL,
         next_attempt_at ${t.bigint} NOT NULL,
         deadline_at ${t.bigint},
         lease_until ${t.bigint} NOT NULL,
         last_error TEXT,
         failed_at ${t.bigint}
       )`,
      `CREATE INDEX mail_outbox_due ON mail_outbox (failed_at, next_attempt_at)`,
    ],
  },
  {
    version: 9,
    name: 'OpenID Provider state',
    up: (t) => [
      // What the OpenID Provider keeps between requests (store/oidc-state.ts): its sessions,
      // interactions, grants, codes and tokens, one row each, keyed by the model's name and id —
      // the id of a bearer value (code, token) only as its hash. `payload` is the model's JSON;
      // `grant_id` lets a grant's tokens be revoked together, `uid` finds an interaction's
      // session. Expired rows are purged by housekeeping.
      `CREATE TABLE oidc_state (
         model TEXT NOT NULL,
         id_hash TEXT NOT NULL,
         payload TEXT NOT NULL,
         grant_id TEXT,
         uid TEXT,
         user_code TEXT,
         expires_at ${t.bigint},
         consumed_at ${t.bigint},
         PRIMARY KEY (model, id_hash)
       )`,
      `CREATE INDEX oidc_state_grant ON oidc_state (grant_id)`,
      `CREATE INDEX oidc_state_uid ON oidc_state (model, uid)`,
      `CREATE INDEX oidc_state_expires ON oidc_state (expires_at)`,
    ],
  },
];

export interface MigrationReport {
  applied: number[];
  current: number;
}

export async function migrate(
  sql: Sql,
  list: readonly Migration[] = migrations,
  now = Date.now,
): Promise<MigrationReport> {
  assertOrdered(list);
  const t = dialectTypes[sql.dialect];
  // Several instances may start at once on one PostgreSQL database: a
  // transaction-scoped advisory lock lets one migrate while the others wait.
  // (SQLite's BEGIN IMMEDIATE already serialises processes on one file.)
  const lock = (tx: Sql) => (tx.dialect === 'postgres' ? tx.get('SELECT pg_advisory_xact_lock(74695310)') : undefined);
  await sql.transaction(async (tx) => {
    await lock(tx);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${t.bigint} NOT NULL)`,
    );
  });
  const applied: number[] = [];
  for (const migration of list) {
    const done = await sql.transaction(async (tx) => {
      await lock(tx);
      if (await tx.get('SELECT version FROM schema_migrations WHERE version = ?', [migration.version])) return false;
      for (const statement of migration.up(t)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  const row = await sql.get<{ current: number | null }>('SELECT MAX(version) AS current FROM schema_migrations');
  const current = Number(row?.current ?? 0);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The database is at schema version ${current}, newer than this server (${newest}); upgrade the server`,
    );
  }
  return { applied, current };
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new TypeError(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
