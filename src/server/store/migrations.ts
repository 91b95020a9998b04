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
