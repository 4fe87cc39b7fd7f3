import type { CursorValue } from '../token/types.js';
import type { ResolvedSortKey, WindowBound } from './sort-key.js';

/** Where a keyset fetch starts: strictly after or strictly before a row's keys. */
export interface SeekBoundary {
  /** Sort-key values of the boundary row, in sort order. */
  readonly keys: readonly CursorValue[];
  /** `after`: rows following `keys` in sort order; `before`: rows preceding them. */
  readonly direction: 'after' | 'before';
}

/**
 * One fetch the engine asks a {@link Source} for.
 *
 * Rows must come back in **traversal order**: the list's sort order, or its
 * exact reverse when `boundary.direction` is `before` (nearest the boundary
 * first). The engine reverses backward pages itself.
 */
export interface SourceFetchRequest {
  /** The list's sort keys, last one unique. NULL sorts as the largest value. */
  readonly sort: readonly ResolvedSortKey[];
  /** Seek position; absent for the first page and for OFFSET pages. */
  readonly boundary: SeekBoundary | undefined;
  /** Window bounds every returned row must satisfy (ANDed). */
  readonly window: readonly WindowBound[];
  /** Most rows to return (the engine asks for one more than the page size). */
  readonly limit: number;
  /** Rows to skip first: 0 except in legacy page-number mode. */
  readonly offset: number;
  /** Aborts the fetch. */
  readonly signal: AbortSignal | undefined;
}

/** A count the engine asks a {@link Source} for (totals). */
export interface SourceCountRequest {
  /** Window bounds every counted row must satisfy. */
  readonly window: readonly WindowBound[];
  /** Aborts the count. */
  readonly signal: AbortSignal | undefined;
}

/**
 * The port between the engine and where rows live: a small interface in
 * the spirit of kysely's `Dialect`. `memorySource()` and `kyselySource()`
 * implement it; a new backend needs only these methods.
 */
export interface Source<Row> {
  /** Returns at most `limit` rows matching the request, in traversal order. */
  fetch(request: SourceFetchRequest): Promise<readonly Row[]>;
  /** Counts all rows within the window (ignoring any boundary). */
  count(request: SourceCountRequest): Promise<number>;
  /**
   * Cheap approximate count (PostgreSQL planner estimate). Returns
   * `undefined`, or is absent, when the backend has none; the engine then
   * falls back to a cached exact count.
   */
  estimate?(request: SourceCountRequest): Promise<number | undefined>;
}
