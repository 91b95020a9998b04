/**
 * The PostgreSQL backend (DATABASE_URL). Every statement goes through a pool;
 * a transaction holds one client from BEGIN to COMMIT.
 */
import pg from 'pg';
import { postgresEvents, type StoreEvents } from './events';
import { toPostgresPlaceholders, UniqueViolationError, type Row, type Sql, type SqlValue } from './sql';

// BIGINT columns hold millisecond timestamps and counters, all below 2^53:
// read them as numbers, not strings (pg's default, made for values beyond 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresHandle extends Sql {
  events: StoreEvents;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** A schema to use instead of `public`, created when missing (used to isolate test runs). */
  schema?: string;
  maxConnections?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresHandle> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`Invalid schema name "${schema}", expected lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  else await pool.query('SELECT 1');

  const handle = (client: pg.Pool | pg.PoolClient): Sql => ({
    dialect: 'postgres',
    all: async <T extends Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query(client, sql, params)).rows as T[],
    get: async <T extends Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query(client, sql, params)).rows[0] as T | undefined,
    run: async (sql, params = []) => (await query(client, sql, params)).rowCount ?? 0,
    transaction: async (work) => {
      if (client !== pool) return work(handle(client)); // nested: already inside
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        const value = await work(handle(tx));
        await tx.query('COMMIT');
        return value;
      } catch (error) {
        await tx.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        tx.release();
      }
    },
  });

  // One channel per schema: test runs that share a database in separate schemas do not hear each other.
  const events = await postgresEvents(
    pool,
    // keepAlive: a connection silently cut by the network is noticed and replaced.
    () => new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true }),
    schema ? `sidekey_events_${schema}` : 'sidekey_events',
  );
  return {
    ...handle(pool),
    events,
    close: async () => {
      await events.close();
      await pool.end();
    },
  };
}

async function query(client: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[]) {
  try {
    return await client.query(toPostgresPlaceholders(sql), params.map(toPostgres));
  } catch (error) {
    // 23505 unique_violation (https://www.postgresql.org/docs/current/errcodes-appendix.html)
    if ((error as { code?: string }).code === '23505') throw new UniqueViolationError((error as Error).message);
    throw error;
  }
}

function toPostgres(value: SqlValue): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'bigint') return value.toString();
  return value;
}
