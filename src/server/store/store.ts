/**
 * The store: everything the server keeps, behind one interface, over either
 * engine. Repositories are written once against `Sql`; later features add
 * their own (users, sessions, devices, …) here.
 */
import { createActivityRepo } from './activity';
import { createCaptchasRepo } from './captchas';
import { createCasTicketsRepo } from './cas-tickets';
import { createDevicesRepo } from './devices';
import { createEmailTokensRepo } from './email-tokens';
import { createEnrolmentsRepo } from './enrolments';
import { createLoginChallengesRepo } from './login-challenges';
import { createMailOutboxRepo } from './mail-outbox';
import { createOidcStateRepo } from './oidc-state';
import type { StoreEvents } from './events';
import { openPostgres, type PgTimeouts } from './postgres';
import { createPushRequestsRepo } from './push-requests';
import { createWebauthnChallengesRepo, createWebauthnCredentialsRepo } from './webauthn';
import { createSessionsRepo } from './sessions';
import { createThrottlesRepo } from './throttles';
import { createUsersRepo } from './users';
import { migrate, type MigrationReport } from './migrations';
import { openSqlite } from './sqlite';
import type { Sql } from './sql';

export interface StoreHealth {
  ok: boolean;
  kind: Sql['dialect'];
  schemaVersion: number;
}

/** One repository per table, all on the same handle (the store's own, or a transaction's). */
export interface Repositories {
  meta: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
  };
  users: ReturnType<typeof createUsersRepo>;
  emailTokens: ReturnType<typeof createEmailTokensRepo>;
  captchas: ReturnType<typeof createCaptchasRepo>;
  sessions: ReturnType<typeof createSessionsRepo>;
  activity: ReturnType<typeof createActivityRepo>;
  throttles: ReturnType<typeof createThrottlesRepo>;
  casTickets: ReturnType<typeof createCasTicketsRepo>;
  devices: ReturnType<typeof createDevicesRepo>;
  enrolments: ReturnType<typeof createEnrolmentsRepo>;
  loginChallenges: ReturnType<typeof createLoginChallengesRepo>;
  pushRequests: ReturnType<typeof createPushRequestsRepo>;
  webauthnCredentials: ReturnType<typeof createWebauthnCredentialsRepo>;
  webauthnChallenges: ReturnType<typeof createWebauthnChallengesRepo>;
  mailOutbox: ReturnType<typeof createMailOutboxRepo>;
  oidcState: ReturnType<typeof createOidcStateRepo>;
}

export interface Store extends Repositories {
  readonly kind: Sql['dialect'];
  /** The engine's handle, for the store's tests and tools; the server uses the repositories. */
  readonly sql: Sql;
  readonly migration: MigrationReport;
  /** What it was opened on, so another connection can be opened to it (the mail sender's thread). */
  readonly target: StoreTarget;
  /**
   * Runs `work` in one transaction with repositories bound to it: committed if it resolves, rolled
   * back if it throws. Do not await anything slow (network, hashing) inside: it holds the store
   * (SQLite serialises transactions; PostgreSQL holds a connection).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Shared by every instance on this store (docs/protocol.md §6). */
  events: StoreEvents;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** The tables the sign-in steps read (password, QR, push, WebAuthn, CAS tickets). */
const SIGN_IN_TABLES = [
  'users',
  'sessions',
  'throttles',
  'devices',
  'login_challenges',
  'push_requests',
  'webauthn_credentials',
  'webauthn_challenges',
  'cas_tickets',
  'request_nonces',
] as const;

export type StoreTarget =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string; timeouts?: Partial<PgTimeouts> };

/** Opens and migrates the store the configuration names. */
export async function openStore(target: StoreTarget, now: () => number = Date.now): Promise<Store> {
  const handle =
    target.kind === 'sqlite'
      ? openSqlite(target.file)
      : await openPostgres(target.url, { schema: target.schema, timeouts: target.timeouts });
  try {
    const migration = await migrate(handle, undefined, now);
    return createStore(handle, target, migration, now);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * A second, small connection to a store a server already opened and migrated (the mail sender's
 * thread): no migrations, and no listening connection (its events stay in its own thread).
 */
export async function openSideStore(target: StoreTarget, now: () => number): Promise<Store> {
  const handle =
    target.kind === 'sqlite'
      ? openSqlite(target.file)
      : await openPostgres(target.url, {
          schema: target.schema,
          timeouts: target.timeouts,
          maxConnections: 2,
          events: false,
        });
  const row = await handle.get<{ current: number | null }>('SELECT MAX(version) AS current FROM schema_migrations');
  return createStore(handle, target, { applied: [], current: Number(row?.current ?? 0) }, now);
}

function repositories(sql: Sql, now: () => number): Repositories {
  return {
    meta: {
      async get(key) {
        const row = await sql.get<{ value: string }>('SELECT value FROM server_meta WHERE key = ?', [key]);
        return row?.value;
      },
      async set(key, value) {
        await sql.run(
          `INSERT INTO server_meta (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [key, value, now()],
        );
      },
    },
    users: createUsersRepo(sql),
    emailTokens: createEmailTokensRepo(sql, now),
    captchas: createCaptchasRepo(sql, now),
    sessions: createSessionsRepo(sql, now),
    activity: createActivityRepo(sql, now),
    throttles: createThrottlesRepo(sql, now),
    casTickets: createCasTicketsRepo(sql, now),
    devices: createDevicesRepo(sql, now),
    enrolments: createEnrolmentsRepo(sql, now),
    loginChallenges: createLoginChallengesRepo(sql, now),
    pushRequests: createPushRequestsRepo(sql, now),
    webauthnCredentials: createWebauthnCredentialsRepo(sql, now),
    webauthnChallenges: createWebauthnChallengesRepo(sql, now),
    mailOutbox: createMailOutboxRepo(sql),
    oidcState: createOidcStateRepo(sql, now),
  };
}

function createStore(
  handle: Sql & { events: StoreEvents; close(): Promise<void> },
  target: StoreTarget,
  migration: MigrationReport,
  now: () => number,
): Store {
  return {
    kind: handle.dialect,
    sql: handle,
    target,
    migration,
    ...repositories(handle, now),
    transaction: (work) => handle.transaction((tx) => work(repositories(tx, now))),
    events: handle.events,
    async health() {
      const row = await handle.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
      // Read a row of every table a sign-in reads (SELECT *: an index alone would not touch the
      // table) and its lookups by index, so a damaged table makes health fail rather than every
      // sign-in. Each query reads a few pages, not the table; together, so PostgreSQL answers them
      // on several pooled connections at once.
      await Promise.all([
        ...SIGN_IN_TABLES.map((table) => handle.get(`SELECT * FROM ${table} LIMIT 1`)),
        handle.get('SELECT uid FROM users WHERE email = ?', ['health@invalid']),
        handle.get('SELECT uid FROM sessions WHERE id_hash = ?', ['health']),
      ]);
      return { ok: true, kind: handle.dialect, schemaVersion: Number(row?.version ?? 0) };
    },
    close: () => handle.close(),
  };
}
