/**
 * The PostgreSQL backend (DATABASE_URL). Every statement goes through a pool;
 * a transaction holds one client from BEGIN to COMMIT.
 */
import pg from 'pg';
import { postgresEvents, processEvents, type StoreEvents } from './events';
import { toPostgresPlaceholders, UniqueViolationError, type Row, type Sql, type SqlValue } from './sql';

// BIGINT columns hold millisecond timestamps and counters, all below 2^53:
// read them as numbers, not strings (pg's default, made for values beyond 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresHandle extends Sql {
  events: StoreEvents;
  close(): Promise<void>;
}

/**
 * How long the server waits on PostgreSQL before it calls it gone (a network that drops packets
 * without a reset would otherwise hold a query, and the request behind it, until TCP keepalive
 * gives up — two hours by default). Statements: the server cancels them too (statement_timeout).
 */
export const PG_TIMEOUTS = {
  /** Waiting for a pooled connection, or for a new one's handshake. */
  connectMs: 5000,
  /** A query without an answer: its connection is dropped from the pool. */
  queryMs: 10_000,
  /** The listening connection proves itself alive this often (a NOTIFY to itself)... */
  heartbeatMs: 15_000,
  /** ...and is replaced when it has not heard that NOTIFY back this long after. */
  heartbeatAnswerMs: 5000,
};
export type PgTimeouts = typeof PG_TIMEOUTS;

export interface PostgresOptions {
  /** A schema to use instead of `public`, created when missing (used to isolate test runs). */
  schema?: string;
  /** Shorter timeouts for the outage tests. */
  timeouts?: Partial<PgTimeouts>;
  maxConnections?: number;
  /** false: no listening connection; events reach this process's own subscribers only. */
  events?: boolean;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresHandle> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`Invalid schema name "${schema}", expected lower-case letters, digits and _`);
  }
  const timeouts = { ...PG_TIMEOUTS, ...options.timeouts };
  const settings = [
    ...(schema ? [`-c search_path=${schema}`] : []),
    `-c statement_timeout=${timeouts.queryMs}`,
    `-c idle_in_transaction_session_timeout=${timeouts.queryMs}`,
  ].join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: timeouts.connectMs,
    // Client side: a query whose answer never comes (the network froze) fails, and pg-pool drops
    // the connection it was on; the server side cancels what runs too long.
    query_timeout: timeouts.queryMs,
    keepAlive: true,
    options: settings,
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
      /** Set when the connection itself failed: it goes, not back to the pool. */
      let broken: Error | undefined;
      try {
        await tx.query('BEGIN');
        const value = await work(handle(tx));
        await tx.query('COMMIT');
        return value;
      } catch (error) {
        await tx.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        tx.release(broken);
      }
    },
  });

  // One channel per schema: test runs that share a database in separate schemas do not hear each other.
  const events =
    options.events === false
      ? processEvents()
      : await postgresEvents(
          pool,
          // keepAlive: a connection silently cut by the network is noticed and replaced.
          () =>
            new pg.Client({
              connectionString: url,
              connectionTimeoutMillis: timeouts.connectMs,
              query_timeout: timeouts.queryMs,
              keepAlive: true,
            }),
          schema ? `sidekey_events_${schema}` : 'sidekey_events',
          timeouts,
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
