import type { Kysely, QueryExecutorProvider, SelectQueryBuilder } from 'kysely';
import { ListDefinitionError, type Source } from '../../engine/index.js';
import {
  type AnySelect,
  detectDialect,
  type KyselySourceOptions,
  kyselySource,
  sourceOverQuery,
  withoutPaging,
} from './kysely-source.js';
import { SqlTemplateCache } from './sql-template-cache.js';

/**
 * Stands for one value of a prepared source while its query is built and
 * compiled once: Kysely carries it into the compiled parameters, where each
 * request's value takes its place. Any attempt to turn it into a primitive
 * inside the builder (`String(v.id)`, `${v.id}` in raw SQL, arithmetic)
 * throws, because the SQL would then depend on the value.
 */
class PreparedValue {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  [Symbol.toPrimitive](): never {
    throw notPreparable(
      `value "${this.name}" was converted inside the query builder (to text, a number or a boolean)`,
    );
  }
}

function notPreparable(why: string): ListDefinitionError {
  return new ListDefinitionError(
    'invalid_source',
    `preparedKyselySource: ${why}. Its builder runs once, with stand-ins for the values: ` +
      'pass each value to the query unchanged (as a where() value or a sql template value), convert it ' +
      'before calling the source, and make one prepared source per query shape.',
  );
}

/** A compiled parameter with a request's value in place of its stand-in. */
function parameterFor(parameter: unknown, values: Readonly<Record<string, unknown>>): unknown {
  return parameter instanceof PreparedValue ? values[parameter.name] : parameter;
}

/** Whether two compiled parameters are the same value (dates by time). */
function sameParameter(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

/** Options of {@link preparedKyselySource}: `kyselySource`'s, and when to check the query. */
export interface PreparedKyselySourceOptions extends KyselySourceOptions {
  /**
   * When the query is also built with the real values and compared with
   * the prepared one: on the `first` call only, or on `always` every call
   * (for test suites: it catches a value that changes the SQL on any
   * request, at the cost of the building the prepared source saves).
   * @default 'first'
   */
  readonly verify?: 'first' | 'always';
}

/** The shapes one prepared source compiles: a handful (sort, direction, NULLs, windows, segments). */
const SHAPES_PER_SOURCE = 64;

/**
 * A {@link kyselySource} whose base query is built and compiled **once**
 * for the route, not on every request: `build` receives stand-ins for the
 * values and returns the base query; each call of the returned function
 * gives a source for one request's values, with no query building or
 * compiling at all (the page's SQL shapes are cached too). Kysely builds
 * and compiles a query in about as much time as better-sqlite3 reads a
 * short page, so a route that makes its query per request pays that on
 * every page.
 *
 * `build` must make the same SQL whatever the values: use each value only
 * as a query value (`where('author_id', '=', v.authorId)`, or `${v.x}` in a
 * `sql` template), never to decide the query's shape (`if (v.since)`), and
 * convert values before passing them (`{ authorId: BigInt(id) }`). A query
 * whose shape depends on the request (optional filters, selected columns)
 * needs one prepared source per shape. The first call checks this: it
 * builds the query with the real values too and compares (every call does
 * with `verify: 'always'`, for test suites). A value that is `undefined` is
 * refused on every call.
 *
 * @param db the Kysely instance (or transaction) that runs the queries
 * @param build makes the base select from the values (see above); it must select every sort-key field
 * @returns a function from one request's values to its source
 * @throws {ListDefinitionError} `invalid_source` (on a call) when the query changes with its values or a value is `undefined`.
 * @example
 * ```ts
 * const postsBy = preparedKyselySource(db, (v: { authorId: bigint }) =>
 *   db.selectFrom('posts').select(['id', 'created_at', 'text']).where('author_id', '=', v.authorId),
 * );
 * const page = await posts.page({ source: postsBy({ authorId: 42n }), binding });
 * ```
 */
export function preparedKyselySource<V extends Readonly<Record<string, unknown>>, O>(
  db: Kysely<unknown> | QueryExecutorProvider,
  build: (values: V) => SelectQueryBuilder<never, never, O> | AnySelect<O>,
  options: PreparedKyselySourceOptions = {},
): (values: V) => Source<O> {
  const provider = db as QueryExecutorProvider;
  const verifyAlways = options.verify === 'always';
  if (options.verify !== undefined && options.verify !== 'first' && !verifyAlways) {
    throw new TypeError(
      `preparedKyselySource option verify must be 'first' or 'always', got ${String(options.verify)}.`,
    );
  }
  if (options.cacheSql === false) {
    // Without SQL caching every query is built anyway: build the base per request too.
    return (values) => kyselySource(provider, build(values), options);
  }
  let prepared:
    | {
        readonly base: AnySelect<O>;
        readonly names: readonly string[];
        readonly compiled: ReturnType<AnySelect<O>['compile']>;
        readonly dialect: 'sqlite' | 'postgres';
        readonly templates: SqlTemplateCache;
      }
    | undefined;

  /**
   * The same query built with real values must compile to the same SQL,
   * with each stand-in's parameter equal to its value and every other one unchanged.
   */
  const verify = (compiled: ReturnType<AnySelect<O>['compile']>, values: V): void => {
    const real = withoutPaging(build(values) as AnySelect<O>).compile();
    const same =
      real.sql === compiled.sql &&
      real.parameters.length === compiled.parameters.length &&
      compiled.parameters.every((p, i) =>
        sameParameter(parameterFor(p, values), real.parameters[i]),
      );
    if (!same) throw notPreparable('its query changes with the values');
  };

  const prepare = (values: V): NonNullable<typeof prepared> => {
    const names = Object.keys(values);
    const standIns = Object.fromEntries(names.map((name) => [name, new PreparedValue(name)]));
    const base = withoutPaging(build(Object.freeze(standIns) as unknown as V) as AnySelect<O>);
    const compiled = base.compile();
    verify(compiled, values);
    return {
      base,
      names,
      compiled,
      dialect: options.dialect ?? detectDialect(provider),
      templates: new SqlTemplateCache(SHAPES_PER_SOURCE),
    };
  };

  return (values: V): Source<O> => {
    for (const name of prepared?.names ?? Object.keys(values)) {
      if (values[name] === undefined) throw notPreparable(`value "${name}" is undefined`);
    }
    if (prepared === undefined) prepared = prepare(values);
    else if (verifyAlways) verify(prepared.compiled, values);
    const { base, compiled, dialect, templates } = prepared;
    return sourceOverQuery<O>({
      provider,
      base,
      dialect,
      templates,
      // One base per cache: a shape's key needs no base SQL.
      keyPrefix: '',
      baseCompiled: compiled,
      resolve: (parameters) => parameters.map((p) => parameterFor(p, values)),
    });
  };
}
