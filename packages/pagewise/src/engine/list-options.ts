import type { PageTokenCodec } from './page-token-codec.js';
import type { SortKey, WindowDefinition } from './sort-key.js';

/** Page-size limits of a list. */
export interface PageSizeOptions {
  /**
   * Page size when the request gives none.
   * @default 10
   */
  readonly default?: number;
  /**
   * Smallest page size a request may ask for (X: 5 or 10).
   * @default 1
   */
  readonly min?: number;
  /**
   * Largest page size a request may ask for.
   * @default 100
   */
  readonly max?: number;
  /**
   * What to do with a page size outside `min..max`: `clamp` it into range
   * (Zoom's behaviour) or `reject` it with a {@link PageRequestError}
   * (`page_size_too_large` / `invalid_page_size`, X's behaviour). Sizes that
   * are not positive integers are always rejected.
   * @default 'reject'
   */
  readonly oversize?: 'clamp' | 'reject';
}

/** How a list computes totals (`total_records`, `page_count`). */
export interface TotalsOptions {
  /**
   * - `none`: no totals.
   * - `exact`: `COUNT(*)` on every page.
   * - `cached`: `COUNT(*)` cached per scope and query fingerprint for `ttlMs`.
   * - `estimate`: the source's estimate (PostgreSQL planner rows); sources
   *   without one (SQLite, memory) fall back to `cached`.
   * @default 'none'
   */
  readonly mode?: 'none' | 'exact' | 'cached' | 'estimate';
  /**
   * Lifetime of a cached count, in milliseconds.
   * @default 60000
   */
  readonly ttlMs?: number;
  /**
   * Most cached counts kept (oldest evicted first).
   * @default 1000
   */
  readonly maxEntries?: number;
}

/** Legacy page-number (OFFSET) mode, e.g. Zoom's `page_number`. */
export interface PageNumberOptions {
  /**
   * Deepest OFFSET a page number may reach; deeper requests fail with
   * `page_too_deep` and are told to use tokens.
   * @default 10000
   */
  readonly maxOffset?: number;
}

/** Definition of a paginated list, given once to `definePaginatedList()`. */
export interface PaginatedListOptions {
  /** Name of the list; part of every token's binding, so tokens never cross lists. */
  readonly name: string;
  /** Sort keys; the last one must be declared `unique`. Mixed directions are allowed. */
  readonly sort: readonly SortKey[];
  /** Seals and opens page tokens (a `TokenCodec` from `pagewise/token`). */
  readonly codec: PageTokenCodec;
  /** Page-size limits; see {@link PageSizeOptions}. */
  readonly pageSize?: PageSizeOptions;
  /**
   * Named window bounds a request may set (`since_id`, `until_id`,
   * `start_time`, `end_time`, …); fixed for the whole walk.
   * @default {}
   */
  readonly windows?: Readonly<Record<string, WindowDefinition>>;
  /** Totals; see {@link TotalsOptions}. */
  readonly totals?: TotalsOptions;
  /**
   * Enables the legacy page-number mode when set.
   * @default undefined (page numbers are refused with `invalid_page_number`)
   */
  readonly pageNumbers?: PageNumberOptions;
  /**
   * Clock for the totals cache, in milliseconds (tests inject a fake).
   * @default Date.now
   */
  readonly now?: () => number;
}
