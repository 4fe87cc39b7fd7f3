import {
  type CursorValue,
  codeUnitOrder,
  compareKeys,
  compareNonNull,
  type ResolvedSortKey,
  type Source,
  type SourceCountRequest,
  type SourceFetchRequest,
  type TextComparator,
  toCursorValue,
  type WindowBound,
} from '../../engine/index.js';

/** Options of {@link memorySource}. */
export interface MemorySourceOptions {
  /**
   * Text order for `string` keys and windows; match it to the SQL column's
   * collation when the memory source stands in for a database.
   * @default code-unit order (SQLite `BINARY`, PostgreSQL `COLLATE "C"`)
   */
  readonly compareText?: TextComparator;
}

function readValue(row: unknown, field: string, kind: ResolvedSortKey['kind']): CursorValue {
  const value = toCursorValue((row as Record<string, unknown>)[field], kind);
  if (value === undefined) {
    throw new TypeError(`memory source: field "${field}" is not a ${kind}`);
  }
  return value;
}

function inWindow(row: unknown, bound: WindowBound, compareText: TextComparator): boolean {
  const value = readValue(row, bound.field, bound.kind);
  // SQL semantics: a comparison with NULL is never true.
  if (value === null) return false;
  const c = compareNonNull(value, bound.value, bound.kind, compareText);
  switch (bound.op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/**
 * A {@link Source} over an in-memory array, with exactly the semantics of
 * the SQL sources (NULL sorts as the largest value; window bounds never
 * match NULL). It is the reference model of the property tests.
 *
 * Pass a function to read the current rows on every fetch (a changing list).
 * Each fetch filters and sorts all rows: O(n log n), meant for tests, fixtures
 * and small lists.
 *
 * @example
 * ```ts
 * const page = await list.page({ source: memorySource(rows), binding });
 * ```
 */
export function memorySource<Row>(
  rows: readonly Row[] | (() => readonly Row[]),
  options: MemorySourceOptions = {},
): Source<Row> {
  const compareText = options.compareText ?? codeUnitOrder;
  const current = typeof rows === 'function' ? rows : () => rows;
  const filtered = (window: readonly WindowBound[]) =>
    current().filter((row) => window.every((b) => inWindow(row, b, compareText)));

  return Object.freeze({
    async fetch(request: SourceFetchRequest): Promise<readonly Row[]> {
      request.signal?.throwIfAborted();
      const { sort, boundary } = request;
      const keyed = filtered(request.window).map((row) => ({
        row,
        keys: sort.map((k) => readValue(row, k.field, k.kind)),
      }));
      const sign = boundary?.direction === 'before' ? -1 : 1;
      keyed.sort((a, b) => sign * compareKeys(a.keys, b.keys, sort, compareText));
      const after = boundary
        ? keyed.filter((r) => sign * compareKeys(r.keys, boundary.keys, sort, compareText) > 0)
        : keyed;
      return after.slice(request.offset, request.offset + request.limit).map((r) => r.row);
    },
    async count(request: SourceCountRequest): Promise<number> {
      request.signal?.throwIfAborted();
      return filtered(request.window).length;
    },
  });
}
