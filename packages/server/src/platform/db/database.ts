import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

// PostgreSQL `date` stays a 'YYYY-MM-DD' string and `timestamptz` becomes an ISO instant with Z,
// so both engines hand the application the same values (docs/conventions.md#values-dates-instants-scores).
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(1184, (v: string) => new Date(v).toISOString());
pg.types.setTypeParser(20, (v: string) => Number(v)); // bigint counts and sequences fit in a double here

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** The raw SQLite connection (backups), when the engine is SQLite. */
  sqlite?: SQLite.Database;
  /** The PostgreSQL pool, when the engine is PostgreSQL (COPY for bulk imports). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** `readonly`: SQLite opens an existing file read-only (never creates one); the CLI's read commands use it. */
export function openDatabase(opts: { databaseUrl: string | null; sqliteFile: string; readonly?: boolean }): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client that loses its connection (server restart, admin termination, a test database
    // dropped while the pool closes) is discarded by the pool, which then emits 'error': without a
    // listener that is an uncaught exception that kills the process. The next query opens a new client.
    pool.on('error', () => undefined);
    const db = postgresDb(pool);
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }
  const sqlite = new SQLite(opts.sqliteFile, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * A Kysely bound to one client of a PostgreSQL pool, for work that also talks to that client directly (COPY
 * inside a transaction: docs/dossier-imports.md "Direct first loads"). Kysely never releases the client: the
 * caller does, after its last statement.
 */
export function clientDb(client: pg.PoolClient): Db {
  const pinned = { query: client.query.bind(client), release: () => undefined };
  return postgresDb({ connect: async () => pinned, end: async () => undefined } as unknown as pg.Pool);
}

/** The application's Kysely over a PostgreSQL pool (snake_case columns as camelCase fields). */
function postgresDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running the
 * typical indexed lookup. better-sqlite3 is synchronous and Kysely uses one connection, so a
 * prepared statement is never used by two queries at once and can be reused safely.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= 1000) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close: () => sqlite.close(),
  };
}
