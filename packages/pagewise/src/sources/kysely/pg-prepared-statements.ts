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

/** The pg client call the wrapper makes: a query config with a statement name. */
interface NamedQueryClient {
  query<R>(config: {
    readonly name: string;
    readonly text: string;
    readonly values: unknown[];
  }): Promise<PostgresQueryResult<R>>;
}

// Names are unique in the process, so two wrappers over one pool never give
// one name two texts on a connection.
let nextStatement = 0;

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
  const wrappers = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  const wrap = (client: PostgresPoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (wrapper === undefined) {
      const named = client as unknown as NamedQueryClient;
      function query<R>(
        sql: string,
        parameters: readonly unknown[],
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        what: string | PostgresCursor<R>,
        parameters?: readonly unknown[],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof what !== 'string') return client.query(what);
        const values = parameters ?? [];
        const name = values.length > 0 ? nameOf(what) : undefined;
        if (name === undefined) return client.query<R>(what, values);
        return named.query<R>({ name, text: what, values: values as unknown[] });
      }
      wrapper = {
        query,
        release: (...args: unknown[]) =>
          (client.release as (...a: unknown[]) => void).apply(client, args),
      };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
