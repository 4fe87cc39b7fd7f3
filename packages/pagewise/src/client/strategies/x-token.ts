import { X_TOKEN_PARAMS, xTokenParamForPath } from '../../styles/x.js';
import { getPath, isObject } from '../json-path.js';
import type { Strategy } from '../strategy.js';
import { malformed, readToken } from './malformed.js';

/** Options of {@link xToken}. */
export interface XTokenOptions {
  /**
   * Query parameter that takes `meta.next_token` back. When not set, it is
   * `next_token` for paths containing `/search/` and `pagination_token`
   * otherwise, as X expects (the X wire style's `xTokenParamForPath`).
   */
  readonly param?: string;
  /**
   * Body path of the next token.
   * @default 'meta.next_token'
   */
  readonly tokenPath?: string;
}

/**
 * X API v2 token pagination: `meta.next_token` is sent back as
 * `pagination_token` (or `next_token` on search). The key is omitted on the
 * last page; a body without `meta` is malformed.
 *
 * Parameter names come from the X wire style. The token is read here,
 * strictly, rather than with `x.readPage`, which takes a mistyped token as the
 * end of the list and reads only `meta.next_token`.
 */
export function xToken(options: XTokenOptions = {}): Strategy {
  const tokenPath = options.tokenPath ?? 'meta.next_token';
  const metaPath = tokenPath.includes('.') ? tokenPath.slice(0, tokenPath.lastIndexOf('.')) : '';
  const fixed = options.param;
  return {
    name: 'x-token',
    cursorParams: fixed ? [fixed] : X_TOKEN_PARAMS,
    next(context) {
      if (!isObject(context.body)) throw malformed(context, 'body is not a JSON object');
      if (metaPath && !isObject(getPath(context.body, metaPath))) {
        throw malformed(context, `"${metaPath}" is missing`);
      }
      const token = readToken(context, getPath(context.body, tokenPath), `"${tokenPath}"`);
      if (token === null) return { next: null };
      const param = fixed ?? xTokenParamForPath(context.url.pathname);
      return { next: { params: { [param]: token } }, token };
    },
  };
}
