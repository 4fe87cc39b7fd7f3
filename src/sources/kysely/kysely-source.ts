import {
  CompiledQuery,
  type Kysely,
  type QueryExecutorProvider,
  type SelectQueryBuilder,
  sql,
} from 'kysely';
import type {
  Source,
  SourceCountRequest,
  SourceFetchRequest,
  WindowBound,
} from '../../engine/index.js';
import { orderByItems, seekPredicate, windowPredicate } from './seek-predicate.js';

/** Options of {@link kyselySource}. */
export interface KyselySourceOptions {
  /**
   * The database flavour; decides whether a planner estimate is available.
   * @default detected from the Kysely instance's parameter placeholders (`$1` means PostgreSQL)
   */
  readonly dialect?: 'sqlite' | 'postgres';
}

// A query builder with its tables erased: the engine addresses columns by name through `sql.ref`.
// biome-ignore lint/suspicious/noExplicitAny: table types are irrelevant to raw column references
type AnySelect<O> = SelectQueryBuilder<any, any, O>;

/** Detects PostgreSQL from the placeholder style its compiler emits. */
function detectDialect(db: QueryExecutorProvider): 'sqlite' | 'postgres' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

/**
 * A {@link Source} over a Kysely select query. The query is the base of the
 * list (its own joins and filters); the source adds the window bounds, the
 * seek predicate, `ORDER BY` on the sort keys (reversed for a backward
 * fetch), `LIMIT` and, in page-number mode only, `OFFSET`. Any `ORDER BY`,
 * `LIMIT` or `OFFSET` already on the query is replaced.
 *
 * Works with SQLite (better-sqlite3, `SqliteDialect`) and PostgreSQL (pg,
 * `PostgresDialect`; pass `types: pagewisePgTypes(pg.types)` to the pool so
 * timestamps keep their microseconds). Needs an index matching the sort keys
 * (and their directions) to seek instead of scanning.
 *
 * @param db the Kysely instance (or transaction) that runs counts and estimates
 * @param query the base select; it must select every sort-key field
 * @example
 * ```ts
 * const page = await tweets.page({
 *   source: kyselySource(db, db.selectFrom('tweets').where('author_id', '=', id).selectAll()),
 *   binding,
 * });
 * ```
 */
export function kyselySource<O>(
  db: Kysely<unknown> | QueryExecutorProvider,
  query: SelectQueryBuilder<never, never, O> | AnySelect<O>,
  options: KyselySourceOptions = {},
): Source<O> {
  const base = (query as AnySelect<O>).clearOrderBy().clearLimit().clearOffset();
  const provider = db as QueryExecutorProvider;
  const dialect = options.dialect ?? detectDialect(provider);

  const filtered = (window: readonly WindowBound[]): AnySelect<O> => {
    const predicate = windowPredicate(window);
    return predicate === undefined ? base : base.where(predicate);
  };

  const countOf = async (request: SourceCountRequest): Promise<number> => {
    request.signal?.throwIfAborted();
    const inner = filtered(request.window).compile();
    const result = await provider
      .getExecutor()
      .executeQuery<{ n: unknown }>(
        CompiledQuery.raw(`select count(*) as n from (${inner.sql}) as pagewise_count`, [
          ...inner.parameters,
        ]),
      );
    return Number(result.rows[0]?.n ?? 0);
  };

  const source: Source<O> = {
    async fetch(request: SourceFetchRequest): Promise<readonly O[]> {
      request.signal?.throwIfAborted();
      let q = filtered(request.window);
      if (request.boundary) q = q.where(seekPredicate(request.sort, request.boundary));
      const backward = request.boundary?.direction === 'before';
      for (const item of orderByItems(request.sort, backward)) q = q.orderBy(item);
      q = q.limit(request.limit);
      if (request.offset > 0) q = q.offset(request.offset);
      const rows = await q.execute();
      request.signal?.throwIfAborted();
      return rows as O[];
    },
    count: countOf,
  };
  if (dialect === 'postgres') {
    source.estimate = async (request: SourceCountRequest): Promise<number | undefined> => {
      request.signal?.throwIfAborted();
      const inner = filtered(request.window).compile();
      const result = await provider
        .getExecutor()
        .executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(`explain (format json) ${inner.sql}`, [...inner.parameters]),
        );
      return planRows(result.rows[0]);
    };
  }
  return Object.freeze(source);
}

/** Reads `Plan Rows` from PostgreSQL's `EXPLAIN (FORMAT JSON)` output (parsed or text). */
function planRows(row: Record<string, unknown> | undefined): number | undefined {
  let plan: unknown = row ? Object.values(row)[0] : undefined;
  if (typeof plan === 'string') plan = JSON.parse(plan);
  const first = Array.isArray(plan) ? (plan[0] as { Plan?: { 'Plan Rows'?: unknown } }) : undefined;
  const rows = first?.Plan?.['Plan Rows'];
  return typeof rows === 'number' ? rows : undefined;
}
