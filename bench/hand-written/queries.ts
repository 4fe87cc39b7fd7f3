import Database from 'better-sqlite3';
import pg from 'pg';

/** Rows as a statement returns them (column name → value). */
export type Rows = readonly Record<string, unknown>[];

/**
 * The one thing the hand-written routes need from a database: run a
 * statement that is prepared once, under its name, with positional
 * parameters. SQL is written once with `?` placeholders.
 *
 * - SQLite: a better-sqlite3 prepared statement, 64-bit integers read as
 *   `bigint` where they can exceed 2^53 (X ids are snowflakes), rows as
 *   objects (`.all()`), the file opened read-only (it is the emulator's file).
 * - PostgreSQL: a pg named prepared statement (`$1, $2…`), int8 as text
 *   (pg's default), on a pool of 10 like the emulator's.
 *
 * This is the whole "driver layer" a user writes by hand; it adds one
 * function call per query.
 */
export interface Queries {
  /**
   * @param bigints SQLite: read integers as `bigint` (needed for X's 64-bit
   *   ids; Zoom's integers are all below 2^53, so its routes read numbers).
   *   PostgreSQL ignores it (int8 arrives as text either way).
   */
  all(
    name: string,
    sql: string,
    params: readonly unknown[],
    bigints?: boolean,
  ): Rows | Promise<Rows>;
  close(): Promise<void>;
}

/** Opens `database`: a PostgreSQL URL, or the path of an SQLite file. */
export function openQueries(database: string): Queries {
  return /^postgres(ql)?:\/\//.test(database) ? pgQueries(database) : sqliteQueries(database);
}

function sqliteQueries(path: string): Queries {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const statements = new Map<string, Database.Statement>();
  return {
    all(name, sql, params, bigints = true) {
      let stmt = statements.get(name);
      if (stmt === undefined) {
        stmt = db.prepare(sql).safeIntegers(bigints);
        statements.set(name, stmt);
      }
      return stmt.all(...params) as Rows;
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The emulator sets `random_page_cost = 1.1` on its sessions (its data is
 * cached); the hand-written pool does the same, as a startup option, so both
 * get the same plans and the comparison measures the code, not the planner
 * settings.
 */
export const PG_SESSION_OPTIONS = '-c random_page_cost=1.1';

function pgQueries(url: string): Queries {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: PG_SESSION_OPTIONS });
  pool.on('error', () => {});
  const texts = new Map<string, string>();
  return {
    async all(name, sql, params) {
      let text = texts.get(name);
      if (text === undefined) {
        let i = 0;
        text = sql.replace(/\?/g, () => `$${++i}`);
        texts.set(name, text);
      }
      const result = await pool.query({ name, text, values: params as unknown[] });
      return result.rows as Rows;
    },
    close: () => pool.end(),
  };
}
