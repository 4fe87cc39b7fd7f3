import type { Cursor } from './cursor.js';

/** What the client kept of one HTTP response. */
export interface ResponseMeta {
  readonly status: number;
  readonly headers: Headers;
  /** Request id sent by the server (`x-request-id`, `x-zm-trackingid`…), or `null`. */
  readonly requestId: string | null;
  /** URL that was fetched. */
  readonly url: string;
  /** Attempts it took (1 when the first one succeeded). */
  readonly attempts: number;
}

/** One page of a walk, as `paginator.pages()` yields it. */
export interface Page<T = unknown> {
  readonly items: readonly T[];
  /** 0-based position of the page in the walk (continues across resumes). */
  readonly index: number;
  /** Cursor that fetched this page. */
  readonly request: Cursor;
  /**
   * The state to resume from once this page is processed: the next page's
   * cursor, or `null` when this was the last page.
   */
  readonly cursor: Cursor | null;
  readonly meta: ResponseMeta;
  /** Parsed JSON body (envelope fields such as `total_records`). */
  readonly body: unknown;
  /** Shard that produced the page, for sharded walks. */
  readonly shard?: number;
}
