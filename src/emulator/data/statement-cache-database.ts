import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Prepared statements kept per SQL text; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The better-sqlite3 database as Kysely's `SqliteDialect` sees it, with
 * prepared statements reused by SQL text. Kysely's SQLite driver prepares
 * every query it runs, and preparing (parsing and planning) cost more than
 * running a timeline page; the emulator sends the same few shapes over and
 * over. A statement still iterating (a streamed query) is never handed out
 * twice: a fresh one is prepared instead.
 */
export function statementCacheDatabase(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Most recently used last: Map keeps insertion order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (cached === undefined) {
        statements.set(sql, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
