import type { RawBuilder, SqlBool } from 'kysely';
import type {
  CursorValue,
  ResolvedSortKey,
  SeekBoundary,
  WindowBound,
} from '../../engine/index.js';
import { bindValue } from './bind-value.js';
import { sql } from './kysely-runtime.js';

const FALSE = sql<SqlBool>`(1 = 0)`;

/**
 * Turns a bound value into what goes into the query's parameter list
 * (identity by default; the source swaps in placeholders to cache SQL text).
 */
export type ParameterBinder = (value: string | number | bigint | boolean) => unknown;

const identity: ParameterBinder = (value) => value;

/** Direction of a key while walking: reversed for a backward fetch. */
function walkDirection(key: ResolvedSortKey, backward: boolean): 'asc' | 'desc' {
  if (!backward) return key.direction;
  return key.direction === 'asc' ? 'desc' : 'asc';
}

function eq(key: ResolvedSortKey, v: CursorValue, bind: ParameterBinder): RawBuilder<SqlBool> {
  const ref = sql.ref(key.column);
  return v === null ? sql<SqlBool>`${ref} is null` : sql<SqlBool>`${ref} = ${bind(bindValue(v))}`;
}

/**
 * "Strictly after `v`" for one key in walk direction `dir`, NULL being the
 * largest value. `undefined` means no row qualifies.
 */
function beyond(
  key: ResolvedSortKey,
  dir: 'asc' | 'desc',
  v: CursorValue,
  bind: ParameterBinder,
): RawBuilder<SqlBool> | undefined {
  const ref = sql.ref(key.column);
  if (dir === 'asc') {
    if (v === null) return undefined;
    return key.nullable
      ? sql<SqlBool>`(${ref} > ${bind(bindValue(v))} or ${ref} is null)`
      : sql<SqlBool>`${ref} > ${bind(bindValue(v))}`;
  }
  if (v === null) return sql<SqlBool>`${ref} is not null`;
  return sql<SqlBool>`${ref} < ${bind(bindValue(v))}`;
}

/** "At or after `v`" for the leading key: the range bound that lets the index seek. */
function leadingBound(
  key: ResolvedSortKey,
  dir: 'asc' | 'desc',
  v: CursorValue,
  bind: ParameterBinder,
): RawBuilder<SqlBool> | undefined {
  const ref = sql.ref(key.column);
  if (dir === 'asc') {
    if (v === null) return sql<SqlBool>`${ref} is null`;
    return key.nullable
      ? sql<SqlBool>`(${ref} >= ${bind(bindValue(v))} or ${ref} is null)`
      : sql<SqlBool>`${ref} >= ${bind(bindValue(v))}`;
  }
  // Descending, NULLs come first: everything is at or after a NULL.
  if (v === null) return undefined;
  return sql<SqlBool>`${ref} <= ${bind(bindValue(v))}`;
}

/**
 * Builds the keyset seek predicate for a boundary:
 *
 * - all keys share the walk direction and none is nullable: one row-value
 *   comparison, `(a, b) < (?, ?)`, which both SQLite and PostgreSQL turn
 *   into a single index range;
 * - otherwise: a leading-column bound (`a <= ?`) AND the OR-expansion
 *   `a < ? OR (a = ? AND b > ?) …`, so the planner still seeks on the index's
 *   first column instead of scanning.
 *
 * NULL is the largest value (NULLS LAST ascending, NULLS FIRST descending).
 */
export function seekPredicate(
  sort: readonly ResolvedSortKey[],
  boundary: SeekBoundary,
  bind: ParameterBinder = identity,
): RawBuilder<SqlBool> {
  const backward = boundary.direction === 'before';
  const dirs = sort.map((k) => walkDirection(k, backward));
  const values = sort.map((_, i) => boundary.keys[i] ?? null);
  const sameDirection = dirs.every((d) => d === dirs[0]);
  if (sameDirection && sort.every((k) => !k.nullable) && values.every((v) => v !== null)) {
    if (sort.length === 1) {
      const op = sql.raw(dirs[0] === 'asc' ? '>' : '<');
      return sql<SqlBool>`${sql.ref(sort[0]!.column)} ${op} ${bind(bindValue(values[0]!))}`;
    }
    const cols = sql.join(sort.map((k) => sql.ref(k.column)));
    const vals = sql.join(values.map((v) => bind(bindValue(v!))));
    const op = sql.raw(dirs[0] === 'asc' ? '>' : '<');
    return sql<SqlBool>`((${cols}) ${op} (${vals}))`;
  }
  const terms: RawBuilder<SqlBool>[] = [];
  for (let i = 0; i < sort.length; i++) {
    const step = beyond(sort[i]!, dirs[i]!, values[i]!, bind);
    if (step === undefined) continue;
    const prefix = sort.slice(0, i).map((k, j) => eq(k, values[j]!, bind));
    terms.push(
      prefix.length === 0 ? step : sql<SqlBool>`(${sql.join([...prefix, step], sql` and `)})`,
    );
  }
  if (terms.length === 0) return FALSE;
  const expansion = sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
  const lead = leadingBound(sort[0]!, dirs[0]!, values[0]!, bind);
  return lead === undefined ? expansion : sql<SqlBool>`(${lead} and ${expansion})`;
}

/**
 * The seek predicate split into index ranges, in walk order: one range,
 * except when the leading key is nullable and the rows after the boundary
 * are two runs that no single range covers (NULL being the largest value):
 *
 * - walking up from a non-null value: the non-null values from it on, then
 *   the NULL run (`a >= ? …`, then `a is null`);
 * - walking down from inside the NULL run: the rest of the run, then every
 *   non-null value (`a is null and …`, then `a is not null`).
 *
 * Fetching the ranges one after the other lets the index seek each one,
 * where a single `(a >= ? or a is null)` predicate would be scanned.
 */
export function seekSegments(
  sort: readonly ResolvedSortKey[],
  boundary: SeekBoundary,
  bind: ParameterBinder = identity,
): RawBuilder<SqlBool>[] {
  const lead = sort[0]!;
  const v = boundary.keys[0] ?? null;
  if (!lead.nullable || sort.length < 2) return [seekPredicate(sort, boundary, bind)];
  const dir = walkDirection(lead, boundary.direction === 'before');
  const ref = sql.ref(lead.column);
  if (dir === 'asc' && v !== null) {
    const nonNull = [{ ...lead, nullable: false }, ...sort.slice(1)];
    return [seekPredicate(nonNull, boundary, bind), sql<SqlBool>`${ref} is null`];
  }
  if (dir === 'desc' && v === null) {
    const rest = seekPredicate(
      sort.slice(1),
      { keys: boundary.keys.slice(1), direction: boundary.direction },
      bind,
    );
    return [sql<SqlBool>`(${ref} is null and ${rest})`, sql<SqlBool>`${ref} is not null`];
  }
  return [seekPredicate(sort, boundary, bind)];
}

/** How many index ranges {@link seekSegments} makes for `boundary`, without building them. */
export function seekSegmentCount(sort: readonly ResolvedSortKey[], boundary: SeekBoundary): 1 | 2 {
  const lead = sort[0]!;
  if (!lead.nullable || sort.length < 2) return 1;
  const v = boundary.keys[0] ?? null;
  const dir = walkDirection(lead, boundary.direction === 'before');
  return (dir === 'asc' && v !== null) || (dir === 'desc' && v === null) ? 2 : 1;
}

/** ORDER BY items for a walk: the sort keys, reversed when walking backward. */
export function orderByItems(
  sort: readonly ResolvedSortKey[],
  backward: boolean,
): RawBuilder<unknown>[] {
  return sort.map((key) => {
    const dir = walkDirection(key, backward);
    // NULL is the largest value. PostgreSQL does this by default; SQLite needs
    // the clause. Non-nullable keys omit it so the index order is used as is.
    const nulls = key.nullable ? (dir === 'asc' ? ' nulls last' : ' nulls first') : '';
    return sql`${sql.ref(key.column)} ${sql.raw(dir + nulls)}`;
  });
}

/** The window bounds as one predicate (`undefined` when there are none). */
export function windowPredicate(
  window: readonly WindowBound[],
  bind: ParameterBinder = identity,
): RawBuilder<SqlBool> | undefined {
  if (window.length === 0) return undefined;
  const parts = window.map(
    (b) => sql<SqlBool>`${sql.ref(b.column)} ${sql.raw(b.op)} ${bind(bindValue(b.value))}`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
