import { X_TOKEN_PARAMS, xTokenParamForPath } from '../../styles/x/x-endpoints.js';
import { readXPage } from '../../styles/x/x-read-page.js';
import type { Strategy } from '../strategy.js';

/** Options of {@link xToken}. */
export interface XTokenOptions {
  /**
   * Query parameter that takes `meta.next_token` back. When not set, it is
   * `next_token` for paths containing `/search/` and `pagination_token`
   * otherwise, as X expects (the X wire style's `xTokenParamForPath`).
   */
  readonly param?: string;
}

/**
 * X API v2 token pagination: `meta.next_token` is sent back as
 * `pagination_token` (or `next_token` on search); it is omitted on the last
 * page.
 *
 * The page is read by the X wire style's strict reader, the same one the
 * server's tests read their own pages with: a body without `meta`, a token
 * that is not a string, or `data` missing while `meta.result_count` says
 * there are items is malformed, never the end of the list.
 */
export function xToken(options: XTokenOptions = {}): Strategy {
  const fixed = options.param;
  return {
    name: 'x-token',
    cursorParams: fixed ? [fixed] : X_TOKEN_PARAMS,
    next(context) {
      const { nextToken } = readXPage({
        status: 200,
        headers: context.headers,
        body: context.body,
      });
      if (nextToken === undefined) return { next: null };
      const param = fixed ?? xTokenParamForPath(context.url.pathname);
      return { next: { params: { [param]: nextToken } }, token: nextToken };
    },
  };
}
