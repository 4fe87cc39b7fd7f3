import type { PageCursor, TokenBinding } from '../token/types.js';

/**
 * What the engine needs from a page-token codec: the structural subset of
 * `TokenCodec` from `pagewise/token`, so the engine depends on no
 * implementation (tests may pass a fake).
 */
export interface PageTokenCodec {
  /** Seals a cursor into an opaque token bound to `binding`. */
  seal(cursor: PageCursor, binding: TokenBinding): string;
  /**
   * Opens a token sealed with the same binding; throws the codec's
   * `TokenError` (code `malformed`, `expired`, `wrong_query`, …) otherwise.
   */
  open(token: string, binding: TokenBinding): PageCursor;
}
