/**
 * The embedded backend: one SQLite file in the data folder, in WAL mode so
 * readers do not block the writer (https://www.sqlite.org/wal.html).
 * better-sqlite3 is synchronous; transactions that span awaits are serialised
 * with a queue so two requests never interleave inside one BEGIN … COMMIT.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { processEvents, type StoreEvents } from './events';
import { UniqueViolationError, type Row, type Sql, type SqlValue } from './sql';

/** Enough for every statement the repositories write; a safety bound, not a tuning knob. */
const MAX_CACHED_STATEMENTS = 500;

export interface SqliteHandle extends Sql {
  /** One process owns the file's events (several instances need PostgreSQL). */
  events: StoreEvents;
  close(): Promise<void>;
}

export function openSqlite(file: string): SqliteHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Wait for another process's write lock instead of failing at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');

  let queue: Promise<unknown> = Promise.resolve();
  // Marks code running inside a transaction: if it used the outer handle, it
  // would wait for its own transaction to end, forever.
  const insideTransaction = new AsyncLocalStorage<true>();

  // Statements are compiled once per text: the repositories use a fixed set of statements, and
  // compiling is a large part of a short query's cost (better-sqlite3 docs, "prepare").
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };

  const exec = {
    all<T extends Row>(sql: string, params: readonly SqlValue[] = []): T[] {
      return wrap(() => prepare(sql).all(...params.map(toSqlite)) as T[]);
    },
    get<T extends Row>(sql: string, params: readonly SqlValue[] = []): T | undefined {
      return wrap(() => prepare(sql).get(...params.map(toSqlite)) as T | undefined);
    },
    run(sql: string, params: readonly SqlValue[] = []): number {
      return wrap(() => prepare(sql).run(...params.map(toSqlite)).changes);
    },
  };

  /** Runs after any open transaction, so outside statements never land inside one. */
  function serial<T>(work: () => T | Promise<T>): Promise<T> {
    if (insideTransaction.getStore()) {
      return Promise.reject(new TypeError('The outer store handle was used inside a transaction; use its tx handle'));
    }
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  }

  const txHandle: Sql = {
    dialect: 'sqlite',
    all: async <T extends Row>(sql: string, params?: readonly SqlValue[]) => exec.all<T>(sql, params),
    get: async <T extends Row>(sql: string, params?: readonly SqlValue[]) => exec.get<T>(sql, params),
    run: async (sql, params) => exec.run(sql, params),
    transaction: async (work) => work(txHandle), // nested: already inside the outer transaction
  };

  return {
    dialect: 'sqlite',
    all: <T extends Row>(sql: string, params?: readonly SqlValue[]) => serial(() => exec.all<T>(sql, params)),
    get: <T extends Row>(sql: string, params?: readonly SqlValue[]) => serial(() => exec.get<T>(sql, params)),
    run: (sql, params) => serial(() => exec.run(sql, params)),
    transaction: (work) =>
      serial(async () => {
        // IMMEDIATE takes the write lock up front, so two processes on one file cannot deadlock on upgrade.
        db.exec('BEGIN IMMEDIATE');
        try {
          const value = await insideTransaction.run(true, () => work(txHandle));
          db.exec('COMMIT');
          return value;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    events: processEvents(),
    close: async () => {
      await queue;
      db.close();
    },
  };
}

function toSqlite(value: SqlValue): unknown {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new UniqueViolationError((error as Error).message);
    }
    throw error;
  }
}
