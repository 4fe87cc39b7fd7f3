import { describe, expect, it } from 'vitest';
import {
  compareCursorValues,
  compareKeys,
  type ResolvedSortKey,
  Timestamp,
  timestampMicros,
  toCursorValue,
} from '../../src/engine/index.js';

const key = (direction: 'asc' | 'desc', kind: ResolvedSortKey['kind']): ResolvedSortKey => ({
  column: 'c',
  field: 'c',
  direction,
  kind,
  unique: false,
  nullable: true,
});

describe('value order', () => {
  it('sorts NULL as the largest value: last ascending, first descending', () => {
    expect(compareCursorValues(null, 5, 'number')).toBeGreaterThan(0);
    expect(compareCursorValues(null, null, 'number')).toBe(0);
    expect(compareKeys([null], [1], [key('asc', 'number')])).toBeGreaterThan(0);
    expect(compareKeys([null], [1], [key('desc', 'number')])).toBeLessThan(0);
  });

  it('compares text by UTF-16 code units by default, like SQLite BINARY and COLLATE "C"', () => {
    expect(compareCursorValues('B', 'a', 'string')).toBeLessThan(0);
    expect(compareCursorValues('a', 'ab', 'string')).toBeLessThan(0);
    const caseless = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());
    expect(compareCursorValues('B', 'a', 'string', caseless)).toBeGreaterThan(0);
  });

  it('compares timestamps by instant with microsecond precision, across offsets and formats', () => {
    const t = (s: string) => new Timestamp(s);
    expect(
      compareCursorValues(
        t('2024-01-01 00:00:00.000001+00'),
        t('2024-01-01 00:00:00+00'),
        'timestamp',
      ),
    ).toBe(1);
    expect(
      compareCursorValues(t('2024-01-01T01:00:00+01:00'), t('2024-01-01 00:00:00Z'), 'timestamp'),
    ).toBe(0);
    expect(
      compareCursorValues(
        t('2024-01-01 00:00:00.1+00'),
        t('2024-01-01T00:00:00.099999Z'),
        'timestamp',
      ),
    ).toBe(1);
    expect(timestampMicros('2024-03-01 12:00:00.123456+00')).toBe(
      BigInt(Date.UTC(2024, 2, 1, 12)) * 1000n + 123456n,
    );
    expect(timestampMicros('2024-03-01 12:00:00-05:30')).toBe(
      BigInt(Date.UTC(2024, 2, 1, 17, 30)) * 1000n,
    );
    expect(timestampMicros('not a time')).toBeUndefined();
  });

  it('orders bigints beyond 2^53 exactly, with mixed directions', () => {
    const sort = [
      key('desc', 'number'),
      { ...key('asc', 'bigint'), unique: true, nullable: false },
    ];
    expect(compareKeys([1, 9007199254740993n], [1, 9007199254740992n], sort)).toBeGreaterThan(0);
    expect(compareKeys([2, 1n], [1, 2n], sort)).toBeLessThan(0);
  });
});

describe('typed cursor values', () => {
  it('converts driver values to the declared kind or refuses them', () => {
    expect(toCursorValue('9007199254740993', 'bigint')).toBe(9007199254740993n);
    expect(toCursorValue(42, 'bigint')).toBe(42n);
    expect(toCursorValue(2 ** 60, 'bigint')).toBeUndefined(); // already imprecise as a number
    expect(toCursorValue('1.5', 'number')).toBe(1.5);
    expect(toCursorValue('x', 'number')).toBeUndefined();
    expect(toCursorValue(new Date(0), 'timestamp')).toEqual(
      new Timestamp('1970-01-01T00:00:00.000Z'),
    );
    expect(toCursorValue(undefined, 'string')).toBeNull();
    expect(toCursorValue(3, 'string')).toBeUndefined();
  });
});

describe('timestamps from another copy of the package', () => {
  // What `instanceof` cannot recognise: the same class loaded twice (dist/ and src/).
  class Timestamp2 {
    constructor(readonly text: string) {}
  }
  Object.defineProperty(Timestamp2, 'name', { value: 'Timestamp' });

  it('are typed, compared and converted like our own', () => {
    const foreign = new Timestamp2('2024-01-01 00:00:00.000002+00');
    expect(toCursorValue(foreign, 'timestamp')).toEqual(new Timestamp(foreign.text));
    expect(
      compareCursorValues(
        foreign as unknown as Timestamp,
        new Timestamp('2024-01-01 00:00:00.000001+00'),
        'timestamp',
      ),
    ).toBe(1);
  });
});
