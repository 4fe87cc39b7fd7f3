import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Options of {@link pgPreparedStatements}. */
export interface PgPreparedStatementsOptions {
  /**
   * Distinct SQL texts run as named prepared statements. Names are never
   * reused for another text (pg keeps a connection's statements until it
   * closes), so past this many texts new ones run unnamed, as without the
   * wrapper.
   * @default 256
   */
  readonly size?: number;
}

/** A pg query config with a statement name, as `pg.Pool#query` and `pg.Client#query` take it. */
interface NamedQuery {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** The pg calls the wrapper makes beyond Kysely's `PostgresPool`: a named query, on a client or on the pool. */
interface NamedQueryRunner {
  query<R>(config: NamedQuery): Promise<PostgresQueryResult<R>>;
}

// Names are unique in the process, so two wrappers over one pool never give
// one name two texts on a connection.
let nextStatement = 0;

/** Idle wrappers kept for reuse: more than a pool's connections are never in use at once. */
const IDLE_WRAPPERS = 64;

/** Reads only: a statement that starts with `select` or `with` (after blanks and parentheses). */
const READ = /^[\s(]*(?:select|with)\b/i;

/**
 * A pg pool as Kysely's `PostgresDialect` wants it, running parameterised
 * reads (`select …`, `with …`) as **named prepared statements**, one name per
 * SQL text: PostgreSQL parses each statement once per connection instead of
 * on every query, and may switch to a generic plan after a few executions,
 * as a hand-written route using pg's `{ name, text, values }` queries does.
 * Fixed-shape queries (pagewise's pages: `kyselySource` reuses their SQL text)
 * gain the most. Everything else (writes, statements without parameters,
 * cursors, transactions) passes through unchanged. Rows, types and errors
 * are pg's own.
 *
 * A Kysely connection checks a client out of the pool only when a statement
 * needs a session (anything but a named read: `begin`, `set`, a write…),
 * and keeps it from then on until Kysely releases it, so transactions and
 * `db.connection()` blocks that start with such a statement run on one
 * session as before. A named read sent before that runs through
 * `pool.query()` on whichever client is free, as a hand-written route's
 * single queries do: do not rely on session state for it. A wrapper that
 * never held a session serves again after its release, so a
 * `PostgresDialect` `onCreateConnection` hook runs once per wrapper, not
 * once per pg client: put session settings in the pool's options.
 *
 * A named statement keeps the plan and result columns it was prepared with:
 * after a schema change to a table it reads (`alter table`), PostgreSQL
 * answers such a statement with "cached plan must not change result type"
 * until the pool's connections are renewed. Use it on a stable schema.
 *
 * @param pool a pg `Pool` (`import pg from 'pg'; new pg.Pool(…)`)
 * @throws RangeError when `size` is not a positive whole number.
 * @example
 * ```ts
 * import { Kysely, PostgresDialect } from 'kysely';
 * import pg from 'pg';
 * import { pagewisePgTypes, pgPreparedStatements } from 'pagewise/kysely';
 *
 * const pool = new pg.Pool({ connectionString, types: pagewisePgTypes(pg.types) });
 * const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPreparedStatements(pool) }) });
 * ```
 */
export function pgPreparedStatements(
  pool: PostgresPool,
  options: PgPreparedStatementsOptions = {},
): PostgresPool {
  const size = options.size ?? 256;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(
      `pgPreparedStatements size must be a positive whole number, got ${String(size)}.`,
    );
  }
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < size && READ.test(text)) {
      name = `pagewise_${++nextStatement}`;
      names.set(text, name);
    }
    return name;
  };
  // pg.Pool runs a single query on a free client and releases it itself,
  // with less work per query than a checkout; a pool without `query` gets checkouts.
  const poolQuery =
    typeof (pool as Partial<NamedQueryRunner>).query === 'function'
      ? (pool as unknown as NamedQueryRunner)
      : undefined;
  /**
   * One Kysely connection. A client is checked out of the pool only when a
   * statement needs a session of its own (anything but a named read, e.g.
   * `begin`, and everything after it); named reads before that run on the
   * pool, on whichever client is free.
   */
  /**
   * Wrappers released without ever holding a session, handed out again:
   * Kysely keeps one connection object per wrapper (in a WeakMap), so a
   * new wrapper per query meant a new connection object and a new WeakMap
   * entry per query, all garbage a moment later.
   */
  const idle: PostgresPoolClient[] = [];
  const connection = (): PostgresPoolClient => {
    let client: PostgresPoolClient | undefined;
    let checkout: Promise<PostgresPoolClient> | undefined;
    const session = (): Promise<PostgresPoolClient> => {
      checkout ??= pool.connect().then((c) => {
        client = c;
        return c;
      });
      return checkout;
    };
    const run = async <R>(sql: string, values: readonly unknown[]) => {
      const name = values.length > 0 ? nameOf(sql) : undefined;
      if (name !== undefined && checkout === undefined && poolQuery !== undefined) {
        return poolQuery.query<R>({ name, text: sql, values: values as unknown[] });
      }
      const c = await session();
      if (name === undefined) return c.query<R>(sql, values);
      return (c as unknown as NamedQueryRunner).query<R>({
        name,
        text: sql,
        values: values as unknown[],
      });
    };
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      what: string | PostgresCursor<R>,
      parameters?: readonly unknown[],
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof what === 'string') return run<R>(what, parameters ?? []);
      // A cursor needs its session; Kysely reads it asynchronously anyway.
      if (client !== undefined) return client.query(what);
      const opened = session().then((c) => c.query(what));
      opened.catch(() => {}); // reported by read(), not as an unhandled rejection
      return {
        read: async (rows) => (await opened).read(rows),
        // A cursor that never opened (failed checkout) has nothing to close; read() reports the error.
        close: async () => (await opened.catch(() => undefined))?.close(),
      };
    }
    const wrapper: PostgresPoolClient = {
      query,
      release: (...args: unknown[]) => {
        const held = checkout;
        checkout = undefined;
        client = undefined;
        if (held === undefined) {
          // Only named reads ran: nothing to give back, and the wrapper can
          // serve again, unless Kysely discards it (`release(true)`).
          if (args[0] !== true && idle.length < IDLE_WRAPPERS) idle.push(wrapper);
          return;
        }
        // A checkout still on its way is released once it arrives.
        held.then((c) => (c.release as (...a: unknown[]) => void).apply(c, args)).catch(() => {}); // a failed checkout was reported to its query
      },
    };
    return wrapper;
  };
  return {
    connect: async () => idle.pop() ?? connection(),
    end: () => {
      idle.length = 0;
      return pool.end();
    },
  };
}
