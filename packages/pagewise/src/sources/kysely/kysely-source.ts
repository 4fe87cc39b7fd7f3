import type { Kysely, QueryExecutorProvider, SelectQueryBuilder } from 'kysely';
import type {
  CursorValue,
  ResolvedSortKey,
  Source,
  SourceCountRequest,
  SourceFetchRequest,
  WindowBound,
} from '../../engine/index.js';
import { bindValue } from './bind-value.js';
import { CompiledQuery, sql } from './kysely-runtime.js';
import {
  orderByItems,
  type ParameterBinder,
  seekSegmentCount,
  seekSegments,
  windowPredicate,
} from './seek-predicate.js';
import {
  fillTemplate,
  ParameterSlot,
  type SqlTemplate,
  SqlTemplateCache,
  ValueRef,
} from './sql-template-cache.js';

// One cache per dialect adapter: equal base SQL compiles differently per dialect
// (`?` or `$1`), and transactions share their database's adapter.
const templatesByAdapter = new WeakMap<object, SqlTemplateCache>();

function templatesFor(provider: QueryExecutorProvider): SqlTemplateCache {
  const adapter = provider.getExecutor().adapter;
  let cache = templatesByAdapter.get(adapter);
  if (cache === undefined) {
    cache = new SqlTemplateCache(512);
    templatesByAdapter.set(adapter, cache);
  }
  return cache;
}

/** Options of {@link kyselySource}. */
export interface KyselySourceOptions {
  /**
   * The database flavour; decides whether a planner estimate is available.
   * @default detected from the Kysely instance's parameter placeholders (`$1` means PostgreSQL)
   */
  readonly dialect?: 'sqlite' | 'postgres';
  /**
   * Reuse the compiled SQL of each query shape (process-wide, keyed by the
   * base query's SQL), binding only new values: saves Kysely's build and
   * compile on every page. Turn off when the base query carries plugins added
   * with `withPlugin()` (cached queries run on `db`'s executor).
   * @default true
   */
  readonly cacheSql?: boolean;
}

/**
 * A query builder with its tables erased: the engine addresses columns by name through `sql.ref`.
 * @internal
 */
// biome-ignore lint/suspicious/noExplicitAny: table types are irrelevant to raw column references
export type AnySelect<O> = SelectQueryBuilder<any, any, O>;

// The sort part of a template key, per sort array (lists pass the same array on every page).
const sortSignatures = new WeakMap<readonly ResolvedSortKey[], string>();

function sortSignature(sort: readonly ResolvedSortKey[]): string {
  let signature = sortSignatures.get(sort);
  if (signature === undefined) {
    signature = sort.map((k) => `${k.column} ${k.direction} ${k.nullable}`).join(',');
    sortSignatures.set(sort, signature);
  }
  return signature;
}

// The detected dialect per adapter: sources are usually built per request.
const dialectsByAdapter = new WeakMap<object, 'sqlite' | 'postgres'>();

/**
 * Detects PostgreSQL from the placeholder style its compiler emits (once per dialect adapter).
 * @internal
 */
export function detectDialect(db: QueryExecutorProvider): 'sqlite' | 'postgres' {
  const adapter = db.getExecutor().adapter;
  let dialect = dialectsByAdapter.get(adapter);
  if (dialect === undefined) {
    dialect = sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
    dialectsByAdapter.set(adapter, dialect);
  }
  return dialect;
}

/**
 * The query without `ORDER BY`, `LIMIT` and `OFFSET` (the query itself when it has none).
 * @internal
 */
export function withoutPaging<O>(query: AnySelect<O>): AnySelect<O> {
  const node = query.toOperationNode();
  if (node.orderBy === undefined && node.limit === undefined && node.offset === undefined) {
    return query;
  }
  return query.clearOrderBy().clearLimit().clearOffset();
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
  const base = withoutPaging(query as AnySelect<O>);
  const provider = db as QueryExecutorProvider;
  const cacheSql = options.cacheSql ?? true;
  return sourceOverQuery<O>({
    provider,
    base,
    dialect: options.dialect ?? detectDialect(provider),
    templates: cacheSql ? templatesFor(provider) : undefined,
    keyPrefix: undefined,
    baseCompiled: undefined,
    resolve: undefined,
  });
}

/**
 * What {@link sourceOverQuery} needs: the base query, and where compiled
 * shapes are kept. A prepared source (see `preparedKyselySource`) passes
 * its base compiled once, with markers in place of its values, and
 * `resolve` to put the request's values in their place.
 * @internal
 */
export interface QuerySourceParts<O> {
  readonly provider: QueryExecutorProvider;
  /** The base query without ORDER BY, LIMIT and OFFSET. */
  readonly base: AnySelect<O>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Compiled shapes; `undefined` builds and compiles every query (`cacheSql: false`). */
  readonly templates: Pick<SqlTemplateCache, 'get' | 'set'> | undefined;
  /** What prefixes a shape's key: the base SQL (the default), or nothing when `templates` serves one base. */
  readonly keyPrefix: string | undefined;
  /** The base query compiled, when known. */
  readonly baseCompiled: CompiledQuery | undefined;
  /** Turns compiled parameters (markers included) into the values to run with. */
  readonly resolve: ((parameters: readonly unknown[]) => unknown[]) | undefined;
}

/**
 * The source over a base query: builds (or fills a cached shape of) the
 * page query, runs it, and counts. Shared by `kyselySource` and
 * `preparedKyselySource`.
 * @internal
 */
export function sourceOverQuery<O>(parts: QuerySourceParts<O>): Source<O> {
  const { provider, base, dialect, templates, resolve } = parts;

  const filtered = (window: readonly WindowBound[]): AnySelect<O> => {
    const predicate = windowPredicate(window);
    return predicate === undefined ? base : base.where(predicate);
  };

  /** Runs a built query: as is, or compiled with its markers resolved. */
  const execute = async (query: AnySelect<O>): Promise<unknown[]> => {
    if (resolve === undefined) return (await query.execute()) as unknown[];
    const compiled = query.compile();
    const result = await provider
      .getExecutor()
      .executeQuery({ ...compiled, parameters: Object.freeze(resolve(compiled.parameters)) });
    return result.rows as unknown[];
  };

  /**
   * The fetch query for one seek segment of a request (see `seekSegments`);
   * `bind` lets the cache put placeholders in place of values.
   */
  const build = (
    request: SourceFetchRequest,
    segment: number,
    bind?: ParameterBinder,
  ): AnySelect<O> => {
    // (With `bind`, request values may be ValueRef markers: `offset > 0` must stay truthy for them.)
    let q = base;
    const window = windowPredicate(request.window, bind);
    if (window !== undefined) q = q.where(window);
    if (request.boundary) {
      q = q.where(seekSegments(request.sort, request.boundary, bind)[segment]!);
    }
    const backward = request.boundary?.direction === 'before';
    for (const item of orderByItems(request.sort, backward)) q = q.orderBy(item);
    q = q.limit((bind ? bind(request.limit) : request.limit) as number);
    if (request.offset !== 0)
      q = q.offset((bind ? bind(request.offset) : request.offset) as number);
    return q;
  };

  let baseCompiled = parts.baseCompiled;
  let baseParameters: readonly unknown[] | undefined;
  const fetchCached = async (request: SourceFetchRequest, segment: number): Promise<unknown[]> => {
    baseCompiled ??= base.compile();
    baseParameters ??=
      resolve === undefined ? baseCompiled.parameters : resolve(baseCompiled.parameters);
    const { sort, boundary, window } = request;
    let key = `${parts.keyPrefix ?? baseCompiled.sql}\u0000${sortSignature(sort)}\u0000`;
    if (boundary) {
      key += boundary.direction;
      for (let i = 0; i < sort.length; i++) key += (boundary.keys[i] ?? null) === null ? 'N' : 'v';
    } else {
      key += '-';
    }
    for (let i = 0; i < window.length; i++) key += `\u0000${window[i]!.column} ${window[i]!.op}`;
    key += `\u0000${request.offset > 0}\u0000${dialect}\u0000${segment}`;
    let template = templates!.get(key);
    if (template === undefined) {
      template = compileTemplate(request, segment, baseCompiled.parameters.length);
      if (template !== undefined) templates!.set(key, template);
    }
    if (template === undefined) {
      // Not cacheable (a plugin rewrote parameters): build and run as is.
      return execute(build(request, segment));
    }
    const resolveRef = (ref: ValueRef): unknown => {
      switch (ref.source) {
        case 'key':
          return bindValue(boundary!.keys[ref.index] as Exclude<CursorValue, null>);
        case 'window':
          return bindValue(window[ref.index]!.value);
        case 'limit':
          return request.limit;
        case 'offset':
          return request.offset;
      }
    };
    const result = await provider.getExecutor().executeQuery(
      Object.freeze({
        query: baseCompiled.query,
        queryId: baseCompiled.queryId,
        sql: template.sql,
        parameters: Object.freeze(fillTemplate(template, baseParameters, resolveRef)),
      }) as CompiledQuery,
    );
    return result.rows;
  };

  /**
   * Compiles a request's shape once, with a {@link ValueRef} in place of
   * each of its values (nulls stay: they shape the SQL), so later requests
   * of the same shape only fill in values. `undefined` when a plugin
   * rewrote the parameters (the mapping would be wrong).
   */
  const compileTemplate = (
    request: SourceFetchRequest,
    segment: number,
    baseCount: number,
  ): SqlTemplate | undefined => {
    const refs: ValueRef[] = [];
    const bind: ParameterBinder = (value) => {
      refs.push(value as unknown as ValueRef);
      return new ParameterSlot(refs.length - 1);
    };
    const marked: SourceFetchRequest = {
      ...request,
      boundary: request.boundary && {
        direction: request.boundary.direction,
        keys: request.sort.map((_, i) =>
          (request.boundary!.keys[i] ?? null) === null
            ? null
            : (new ValueRef('key', i) as unknown as CursorValue),
        ),
      },
      window: request.window.map((w, i) => ({
        ...w,
        value: new ValueRef('window', i) as unknown as WindowBound['value'],
      })),
      limit: new ValueRef('limit') as unknown as number,
      offset: request.offset > 0 ? (new ValueRef('offset') as unknown as number) : 0,
    };
    const compiled = build(marked, segment, bind).compile();
    const slots = compiled.parameters.map((p) => (p instanceof ParameterSlot ? p.index : -1));
    const own = slots.filter((s) => s >= 0);
    if (
      slots.length - own.length !== baseCount ||
      own.length !== refs.length ||
      !refs.every((r) => r instanceof ValueRef)
    ) {
      return undefined;
    }
    return { sql: compiled.sql, slots, refs };
  };

  /** A query of its own around the filtered base (a count, a plan). */
  const around = async <R>(request: SourceCountRequest, wrap: (sql: string) => string) => {
    request.signal?.throwIfAborted();
    const inner = filtered(request.window).compile();
    const parameters = resolve === undefined ? [...inner.parameters] : resolve(inner.parameters);
    return provider.getExecutor().executeQuery<R>(CompiledQuery.raw(wrap(inner.sql), parameters));
  };

  const source: Source<O> = {
    async fetch(request: SourceFetchRequest): Promise<readonly O[]> {
      request.signal?.throwIfAborted();
      const run = (r: SourceFetchRequest, segment: number) =>
        templates !== undefined ? fetchCached(r, segment) : execute(build(r, segment));
      const segments = request.boundary ? seekSegmentCount(request.sort, request.boundary) : 1;
      let rows = await run(request, 0);
      // A second index range (see seekSegments) only when the first did not fill the page.
      if (segments > 1 && rows.length < request.limit) {
        request.signal?.throwIfAborted();
        const more = await run({ ...request, limit: request.limit - rows.length }, 1);
        // A row moved between the two runs by a concurrent update must not appear twice on a page.
        const field = request.sort[request.sort.length - 1]!.field;
        const seen = new Set(rows.map((r) => String((r as Record<string, unknown>)[field])));
        rows = rows.concat(
          more.filter((r) => !seen.has(String((r as Record<string, unknown>)[field]))),
        );
      }
      request.signal?.throwIfAborted();
      return rows as O[];
    },
    async count(request: SourceCountRequest): Promise<number> {
      const result = await around<{ n: unknown }>(
        request,
        (inner) => `select count(*) as n from (${inner}) as pagewise_count`,
      );
      return Number(result.rows[0]?.n ?? 0);
    },
  };
  if (dialect === 'postgres') {
    source.estimate = async (request: SourceCountRequest): Promise<number | undefined> => {
      const result = await around<Record<string, unknown>>(
        request,
        (inner) => `explain (format json) ${inner}`,
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
