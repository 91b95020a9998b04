/**
 * The one seam between the store and its two database engines. Repositories
 * write SQL once, with `?` placeholders and the portable subset both engines
 * share; each backend adapts placeholders and transactions.
 */

export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Every row of a query. */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement without rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it
   * throws. Use the `tx` handle inside; the outer handle waits until the
   * transaction ends. Do not await anything slow (network, crypto) inside.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** A unique or primary-key constraint was violated (a duplicate e-mail, a replayed token). */
export class UniqueViolationError extends Error {
  override name = 'UniqueViolationError';
}

/** Column types that differ between the engines, for migrations. */
export interface DialectTypes {
  /** Arbitrary bytes. */
  blob: string;
  /** 64-bit integer: timestamps in milliseconds, counters. */
  bigint: string;
  /** An auto-incremented integer primary key. */
  serial: string;
}

export const dialectTypes: Record<Sql['dialect'], DialectTypes> = {
  sqlite: { blob: 'BLOB', bigint: 'INTEGER', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: { blob: 'BYTEA', bigint: 'BIGINT', serial: 'BIGSERIAL PRIMARY KEY' },
};

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`, leaving quoted text alone. */
export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++index}`;
    } else {
      out += ch;
    }
  }
  return out;
}
