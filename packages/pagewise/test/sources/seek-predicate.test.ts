import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { type ResolvedSortKey, Timestamp } from '../../src/engine/index.js';
import {
  orderByItems,
  seekPredicate,
  seekSegments,
  windowPredicate,
} from '../../src/sources/kysely/index.js';

const db = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const key = (
  column: string,
  direction: 'asc' | 'desc',
  options: Partial<ResolvedSortKey> = {},
): ResolvedSortKey => ({
  column,
  field: column,
  direction,
  kind: 'number',
  unique: false,
  nullable: false,
  ...options,
});
const id = (direction: 'asc' | 'desc') => key('id', direction, { kind: 'bigint', unique: true });

function compile(fragment: ReturnType<typeof sql>) {
  const c = sql`${fragment}`.compile(db);
  return { sql: c.sql, parameters: c.parameters };
}

describe('seek predicate SQL', () => {
  it('uses one row-value comparison when all keys share a direction and none is nullable', () => {
    const at = key('t.created_at', 'desc', { kind: 'timestamp' });
    const ts = new Timestamp('2024-01-01 00:00:00.000001+00');
    const q = compile(seekPredicate([at, id('desc')], { keys: [ts, 7n], direction: 'after' }));
    expect(q.sql).toBe('(("t"."created_at", "id") < ($1, $2))');
    expect(q.parameters).toEqual(['2024-01-01 00:00:00.000001+00', 7n]);
    // Backward: the comparison flips.
    expect(
      compile(seekPredicate([at, id('desc')], { keys: [ts, 7n], direction: 'before' })).sql,
    ).toBe('(("t"."created_at", "id") > ($1, $2))');
  });

  it('uses a leading-column bound and the OR-expansion for mixed directions', () => {
    const q = compile(
      seekPredicate([key('a', 'desc'), id('asc')], { keys: [5, 9n], direction: 'after' }),
    );
    expect(q.sql).toBe('("a" <= $1 and ("a" < $2 or ("a" = $3 and "id" > $4)))');
    expect(q.parameters).toEqual([5, 5, 5, 9n]);
  });

  it('pages through NULLs, NULL being the largest value', () => {
    const sort = [key('a', 'asc', { nullable: true }), id('asc')];
    // After a non-null value: larger values, then the NULLs.
    expect(compile(seekPredicate(sort, { keys: [5, 1n], direction: 'after' })).sql).toBe(
      '(("a" >= $1 or "a" is null) and (("a" > $2 or "a" is null) or ("a" = $3 and "id" > $4)))',
    );
    // Inside the NULL run: only NULLs with a larger id.
    expect(compile(seekPredicate(sort, { keys: [null, 1n], direction: 'after' })).sql).toBe(
      '("a" is null and (("a" is null and "id" > $1)))',
    );
    // Backward from the NULL run: every non-NULL value, and NULLs with a smaller id.
    expect(compile(seekPredicate(sort, { keys: [null, 4n], direction: 'before' })).sql).toBe(
      '("a" is not null or ("a" is null and "id" < $1))',
    );
  });

  it('orders by the keys, reversed for a backward fetch, with NULLS clauses only on nullable keys', () => {
    const sort = [
      key('a', 'asc', { nullable: true }),
      key('b', 'desc', { nullable: true }),
      id('asc'),
    ];
    const order = (backward: boolean) =>
      orderByItems(sort, backward)
        .map((item) => compile(item).sql)
        .join(', ');
    expect(order(false)).toBe('"a" asc nulls last, "b" desc nulls first, "id" asc');
    expect(order(true)).toBe('"a" desc nulls first, "b" asc nulls last, "id" desc');
  });

  it('ANDs the window bounds', () => {
    const w = windowPredicate([
      { name: 'since_id', column: 'id', field: 'id', op: '>', kind: 'bigint', value: 10n },
      {
        name: 'end_time',
        column: 'at',
        field: 'at',
        op: '<',
        kind: 'timestamp',
        value: new Timestamp('2024-02-01T00:00:00Z'),
      },
    ]);
    expect(compile(w!)).toEqual({
      sql: '("id" > $1 and "at" < $2)',
      parameters: [10n, '2024-02-01T00:00:00Z'],
    });
    expect(windowPredicate([])).toBeUndefined();
  });
});

describe('seek segments', () => {
  const sort = [key('a', 'asc', { nullable: true }), id('asc')];
  const texts = (boundary: Parameters<typeof seekSegments>[1]) =>
    seekSegments(sort, boundary).map((s) => compile(s).sql);

  it('splits a nullable leading key into two index ranges where one range cannot cover the rows', () => {
    // Walking up from a non-null value: the values from it on, then the NULL run.
    expect(texts({ keys: [5, 1n], direction: 'after' })).toEqual([
      '(("a", "id") > ($1, $2))',
      '"a" is null',
    ]);
    // Walking down from inside the NULL run: the rest of the run, then the non-null values.
    expect(texts({ keys: [null, 4n], direction: 'before' })).toEqual([
      '("a" is null and "id" < $1)',
      '"a" is not null',
    ]);
  });

  it('keeps one range otherwise', () => {
    expect(texts({ keys: [null, 1n], direction: 'after' })).toHaveLength(1);
    expect(texts({ keys: [5, 1n], direction: 'before' })).toHaveLength(1);
    expect(
      seekSegments([key('a', 'asc'), id('asc')], { keys: [5, 1n], direction: 'after' }),
    ).toHaveLength(1);
  });
});
