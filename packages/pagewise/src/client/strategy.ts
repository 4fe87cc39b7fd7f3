import type { Cursor } from './cursor.js';

/** What a strategy sees of one fetched page. */
export interface StrategyContext {
  /** Parsed JSON body. */
  readonly body: unknown;
  readonly headers: Headers;
  /** Items already extracted from the body. */
  readonly items: readonly unknown[];
  /** Cursor that fetched this page. */
  readonly cursor: Cursor;
  /** URL that was fetched. */
  readonly url: URL;
}

/** The outcome of reading a page: the next cursor, or `null` when the API said the list ended. */
export interface StrategyStep {
  readonly next: Cursor | null;
  /**
   * The opaque token that points to the next page, when the strategy uses one
   * (cycle guard input). Absent for page numbers and offsets.
   */
  readonly token?: string;
}

/**
 * A pagination strategy: how to find the next page from a response. Small and
 * stateless; all walk state lives in the cursor so it can be checkpointed.
 */
export interface Strategy {
  /** Stable name, e.g. `zoom-token`. */
  readonly name: string;
  /** Query parameters that carry the cursor (used to recognise "invalid token" errors). */
  readonly cursorParams: readonly string[];
  /**
   * Reads the page. Throws a `MalformedResponseError` when the response does
   * not have the expected shape.
   */
  next(context: StrategyContext): StrategyStep;
  /** Total item count the page reports (page-number drift guard), when the API sends one. */
  total?(body: unknown): number | undefined;
  /**
   * Random access by page number, for strategies that allow it: parallel
   * fetches use it once the first page told how many pages there are.
   */
  readonly random?: {
    /** Number of pages, read from a page. */
    pageCount(context: StrategyContext): number;
    /** Cursor of page `n` (1-based). */
    cursor(n: number): Cursor;
    /** Page number a cursor points to (1 for the first page). */
    pageOf(cursor: Cursor, url: URL): number;
  };
}
