import { TokenError } from '../token/token-error.js';
import type { CursorValue, PageCursor, TokenBinding } from '../token/types.js';
import { ListDefinitionError } from './list-definition-error.js';
import type { PaginatedListOptions } from './list-options.js';
import { normalizeListOptions, type ResolvedListOptions } from './normalize-list-options.js';
import { PageRequestError } from './page-request-error.js';
import type { ResolvedSortKey } from './sort-key.js';
import type { SeekBoundary, Source } from './source.js';
import { toCursorValue } from './to-cursor-value.js';
import { TotalsCache } from './totals-cache.js';
import { fingerprintValue, type ResolvedWindow, resolveWindow } from './window-values.js';

/** One page request. Fields typed `| undefined` may be passed straight from a parsed query string. */
export interface PageRequest<Row> {
  /** Where the rows come from for this request (its base query: filters, joins). */
  readonly source: Source<Row>;
  /** Caller scope and query fingerprint; tokens open only with the same binding. */
  readonly binding: TokenBinding;
  /**
   * Requested page size; clamped or rejected per the list's `pageSize` options.
   * @default the list's `pageSize.default`
   */
  readonly pageSize?: number | undefined;
  /** A `nextToken` or `previousToken` from an earlier page of the same walk. */
  readonly token?: string | undefined;
  /**
   * Window bounds by name (e.g. `{ since_id: 123n }`); values may be typed or
   * strings. Must equal the window the token was issued with.
   */
  readonly window?: Readonly<Record<string, unknown>> | undefined;
  /** Legacy 1-based page number (OFFSET mode); not combinable with `token`. */
  readonly pageNumber?: number | undefined;
  /** Aborts the request. */
  readonly signal?: AbortSignal | undefined;
}

/** Totals of a list (Zoom's `total_records`, `page_count`, `page_number`). */
export interface PageTotals {
  /** Rows in the whole list (within the window). */
  readonly totalRecords: number;
  /** `ceil(totalRecords / pageSize)`. */
  readonly pageCount: number;
  /** The page number, in legacy page-number mode only. */
  readonly pageNumber?: number;
  /** True when `totalRecords` is a planner estimate. */
  readonly estimated: boolean;
}

/** One page of a list. */
export interface Page<Row> {
  /** The page's rows, in the list's sort order (also for backward pages). */
  readonly items: Row[];
  /** Token for the page after this one; absent on the last page. */
  readonly nextToken?: string;
  /** Token for the page before this one; absent on the first page. */
  readonly previousToken?: string;
  /** The page size used (after clamping). */
  readonly pageSize: number;
  /** Totals, when the list's `totals.mode` is not `none`. */
  readonly totals?: PageTotals;
}

/** A list defined once and asked for pages. */
export interface PaginatedList<Row> {
  /** The resolved definition (sort keys, windows, limits). */
  readonly definition: ResolvedListOptions;
  /**
   * Fetches one page.
   *
   * @throws {PageRequestError} for a bad page size, window or page number.
   * @throws the codec's `TokenError` for a bad, expired or foreign token.
   * @throws {ListDefinitionError} when the source returns rows without the sort keys.
   */
  page(request: PageRequest<Row>): Promise<Page<Row>>;
  /** The typed sort-key values of a row (what a cursor carries). */
  keysOf(row: Row): CursorValue[];
  /**
   * Seals a token pointing just after (or before) `row`, as `page()` would:
   * to resume a walk from a known item, or to start a benchmark at a depth.
   *
   * @throws {PageRequestError} `invalid_window` for a bad window.
   */
  tokenFor(row: Row, options: TokenForOptions): string;
}

/** Options of {@link PaginatedList.tokenFor}. */
export interface TokenForOptions {
  /** The binding of the requests that will use the token. */
  readonly binding: TokenBinding;
  /** The window of those requests. @default {} */
  readonly window?: Readonly<Record<string, unknown>> | undefined;
  /** `after`: the token gives the rows following `row`; `before`: those preceding it. @default 'after' */
  readonly direction?: 'after' | 'before';
}

/**
 * Defines a keyset-paginated list: sort keys ending in a unique key, page
 * size limits, named windows, totals and the optional legacy page-number
 * mode. Validates the definition once; `page()` stays thin.
 *
 * @throws {ListDefinitionError} when the definition is inconsistent (e.g.
 * the last sort key is not unique).
 * @example
 * ```ts
 * const tweets = definePaginatedList<Tweet>({
 *   name: 'tweets',
 *   sort: [
 *     { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
 *     { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
 *   ],
 *   pageSize: { default: 10, min: 5, max: 100, oversize: 'reject' },
 *   windows: { since_id: { column: 'id', op: '>' }, until_id: { column: 'id', op: '<' } },
 *   codec,
 * });
 * const page = await tweets.page({ source: memorySource(rows), binding, pageSize: 20 });
 * ```
 */
export function definePaginatedList<Row>(options: PaginatedListOptions): PaginatedList<Row> {
  const def = normalizeListOptions(options);
  const cache = new TotalsCache(def.totals.ttlMs, def.totals.maxEntries, def.now);
  // The sort spec goes into every binding, so tokens minted before a sort change do not open.
  const sortSignature = def.sort.map((k) => `${k.column}:${k.direction}:${k.kind}`).join(',');
  const namePrefix = `pagewise-list:${JSON.stringify(def.name)};sort:${sortSignature}`;

  const sort = def.sort;
  const sortLength = sort.length;

  function invalidRow(key: ResolvedSortKey, missing: boolean): ListDefinitionError {
    return new ListDefinitionError(
      'invalid_row',
      missing
        ? `a row of list "${def.name}" has no field "${key.field}"; select the sort columns`
        : `field "${key.field}" of a row of list "${def.name}" is not a ${key.kind}` +
            (key.nullable ? '' : ' (it is declared not nullable)'),
    );
  }

  function keysOf(row: Row): CursorValue[] {
    const record = row as Record<string, unknown>;
    const keys = new Array<CursorValue>(sortLength);
    for (let i = 0; i < sortLength; i++) {
      const key = sort[i]!;
      if (record === null || typeof record !== 'object' || !(key.field in record)) {
        throw invalidRow(key, true);
      }
      const value = toCursorValue(record[key.field], key.kind);
      if (value === undefined || (value === null && !key.nullable)) throw invalidRow(key, false);
      keys[i] = value;
    }
    return keys;
  }

  function bindingFor(caller: TokenBinding, window: ResolvedWindow): TokenBinding {
    return {
      scope: caller.scope,
      query: `${namePrefix};query:${caller.query};window:${window.fingerprint}`,
    };
  }

  function tokenFor(row: Row, options: TokenForOptions): string {
    const window = resolveWindow(def.windows, options.window);
    const cursor: PageCursor = Object.freeze({
      keys: Object.freeze(keysOf(row)),
      direction: options.direction ?? 'after',
      window: window.values,
    });
    return def.codec.seal(cursor, bindingFor(options.binding, window));
  }

  function resolvePageSize(requested: number | undefined): number {
    const { min, max, oversize } = def.pageSize;
    if (requested === undefined) return def.pageSize.default;
    if (typeof requested !== 'number' || !Number.isSafeInteger(requested) || requested < 1) {
      throw new PageRequestError(
        'invalid_page_size',
        `page size must be an integer between ${min} and ${max}, got ${String(requested)}`,
        { parameter: 'pageSize', value: requested, min, max },
      );
    }
    if (requested > max) {
      if (oversize === 'clamp') return max;
      throw new PageRequestError(
        'page_size_too_large',
        `page size ${requested} is above the maximum ${max}; ask for at most ${max}`,
        { parameter: 'pageSize', value: requested, min, max },
      );
    }
    if (requested < min) {
      if (oversize === 'clamp') return min;
      throw new PageRequestError(
        'invalid_page_size',
        `page size must be between ${min} and ${max}, got ${requested}`,
        { parameter: 'pageSize', value: requested, min, max },
      );
    }
    return requested;
  }

  function openCursor(token: string, binding: TokenBinding, window: ResolvedWindow): PageCursor {
    const cursor = def.codec.open(token, binding);
    // The binding already covers the window, so an honest codec has refused a
    // changed window with wrong_query; these checks guard against a codec that did not.
    const values = window.values;
    let sameWindow = cursor.window.length === values.length;
    for (let i = 0; sameWindow && i < values.length; i++) {
      sameWindow = fingerprintValue(cursor.window[i]!) === fingerprintValue(values[i] ?? null);
    }
    if (!sameWindow) {
      throw new TokenError(
        'wrong_query',
        'the page token was issued for other window bounds; repeat the original query or start without a token',
      );
    }
    let wellFormed =
      (cursor.direction === 'after' || cursor.direction === 'before') &&
      cursor.keys.length === sortLength;
    for (let i = 0; wellFormed && i < sortLength; i++) {
      const v = cursor.keys[i]!;
      const key = sort[i]!;
      wellFormed = v === null ? key.nullable : toCursorValue(v, key.kind) === v;
    }
    if (!wellFormed) {
      throw new TokenError(
        'malformed',
        'the page token does not fit this list; start without a token',
      );
    }
    return cursor;
  }

  async function totalsFor(
    request: PageRequest<Row>,
    window: ResolvedWindow,
    binding: TokenBinding,
  ): Promise<{ total: number; estimated: boolean } | undefined> {
    const countRequest = { window: window.bounds, signal: request.signal };
    // A cached count is shared by every request waiting on it, so no single
    // request's signal may cancel it; each request still checks its own
    // signal once its page is ready.
    const sharedCount = { window: window.bounds, signal: undefined };
    const cached = () =>
      cache.get(`${JSON.stringify(binding.scope)}|${binding.query}`, () =>
        request.source.count(sharedCount),
      );
    switch (def.totals.mode) {
      case 'none':
        return undefined;
      case 'exact':
        return { total: await request.source.count(countRequest), estimated: false };
      case 'cached':
        return { total: await cached(), estimated: false };
      case 'estimate': {
        const estimate = await request.source.estimate?.(countRequest);
        if (estimate !== undefined)
          return { total: Math.max(0, Math.round(estimate)), estimated: true };
        return { total: await cached(), estimated: false };
      }
    }
  }

  async function page(request: PageRequest<Row>): Promise<Page<Row>> {
    request.signal?.throwIfAborted();
    const pageSize = resolvePageSize(request.pageSize);
    const window = resolveWindow(def.windows, request.window);
    const binding = bindingFor(request.binding, window);

    let offset = 0;
    let pageNumber: number | undefined;
    let boundary: SeekBoundary | undefined;
    if (request.pageNumber !== undefined) {
      pageNumber = request.pageNumber;
      offset = checkPageNumber(pageNumber, pageSize, (request.token ?? '') !== '');
    } else if (request.token !== undefined && request.token !== '') {
      const cursor = openCursor(request.token, binding, window);
      boundary = { keys: cursor.keys, direction: cursor.direction };
    }

    const fetching = request.source.fetch({
      sort,
      boundary,
      window: window.bounds,
      limit: pageSize + 1,
      offset,
      signal: request.signal,
    });
    // Without totals, no second promise to wait for.
    const [rows, totals] =
      def.totals.mode === 'none'
        ? [await fetching, undefined]
        : await Promise.all([fetching, totalsFor(request, window, binding)]);
    request.signal?.throwIfAborted();

    const hasMore = rows.length > pageSize;
    const items = rows.slice(0, pageSize) as Row[];
    const backward = boundary?.direction === 'before';
    if (backward) items.reverse();

    // The codec reads the cursor synchronously and keeps nothing: no copies or freezing needed.
    const seal = (direction: 'after' | 'before', keys: readonly CursorValue[]) =>
      def.codec.seal({ keys, direction, window: window.values }, binding);
    const first = items[0];
    const last = items[items.length - 1];
    let nextToken: string | undefined;
    let previousToken: string | undefined;
    if (backward) {
      // Rows follow (at least the boundary row did), so there is always a next page.
      nextToken = seal('after', last === undefined ? boundary!.keys : keysOf(last));
      if (hasMore && first !== undefined) previousToken = seal('before', keysOf(first));
    } else {
      if (hasMore && last !== undefined) nextToken = seal('after', keysOf(last));
      if (boundary !== undefined) {
        previousToken = seal('before', first === undefined ? boundary.keys : keysOf(first));
      } else if (pageNumber !== undefined && pageNumber > 1 && first !== undefined) {
        previousToken = seal('before', keysOf(first));
      }
    }

    const result: {
      items: Row[];
      pageSize: number;
      nextToken?: string;
      previousToken?: string;
      totals?: PageTotals;
    } = { items, pageSize };
    if (nextToken !== undefined) result.nextToken = nextToken;
    if (previousToken !== undefined) result.previousToken = previousToken;
    if (totals) {
      result.totals = Object.freeze({
        totalRecords: totals.total,
        pageCount: Math.ceil(totals.total / pageSize),
        ...(pageNumber === undefined ? {} : { pageNumber }),
        estimated: totals.estimated,
      });
    }
    return result;
  }

  function checkPageNumber(pageNumber: number, pageSize: number, withToken: boolean): number {
    if (!def.pageNumbers) {
      throw new PageRequestError(
        'invalid_page_number',
        `list "${def.name}" has no page numbers; use the page tokens`,
        { parameter: 'pageNumber', value: pageNumber },
      );
    }
    if (withToken) {
      throw new PageRequestError(
        'invalid_page_number',
        'send either a page number or a page token, not both',
        { parameter: 'pageNumber', value: pageNumber },
      );
    }
    if (typeof pageNumber !== 'number' || !Number.isSafeInteger(pageNumber) || pageNumber < 1) {
      throw new PageRequestError(
        'invalid_page_number',
        `page number must be a positive integer, got ${String(pageNumber)}`,
        { parameter: 'pageNumber', value: pageNumber, min: 1 },
      );
    }
    const offset = (pageNumber - 1) * pageSize;
    if (offset > def.pageNumbers.maxOffset) {
      const max = Math.floor(def.pageNumbers.maxOffset / pageSize) + 1;
      throw new PageRequestError(
        'page_too_deep',
        `page number ${pageNumber} is too deep (at most ${max} with page size ${pageSize}); ` +
          'use the next page token to go further',
        { parameter: 'pageNumber', value: pageNumber, min: 1, max },
      );
    }
    return offset;
  }

  return Object.freeze({ definition: def, page, keysOf, tokenFor });
}
