import { ZOOM_TOKEN_PARAM } from '../../styles/zoom.js';
import { getPath, isObject } from '../json-path.js';
import type { Strategy } from '../strategy.js';
import { malformed, readToken } from './malformed.js';

/** Options of {@link zoomToken}. */
export interface ZoomTokenOptions {
  /**
   * Body path of the next token.
   * @default ZOOM_TOKEN_PARAM (`'next_page_token'`)
   */
  readonly tokenPath?: string;
  /**
   * Query parameter that takes it back.
   * @default ZOOM_TOKEN_PARAM (`'next_page_token'`)
   */
  readonly param?: string;
}

/**
 * Zoom's token pagination: the body's `next_page_token` is sent back as
 * `next_page_token` with the same query; an empty string ends the list.
 * A body without the key at all is malformed (Zoom always sends it, `""` at
 * the end), so a changed API cannot end the walk silently.
 *
 * The names are the Zoom wire style's. The token is read here, strictly, not
 * with `zoom.readPage`: that reader takes a missing or mistyped token as "no
 * next page", which for a client would be a silent stop, and it reads only the
 * default key while this strategy takes any `tokenPath`.
 */
export function zoomToken(options: ZoomTokenOptions = {}): Strategy {
  const tokenPath = options.tokenPath ?? ZOOM_TOKEN_PARAM;
  const param = options.param ?? ZOOM_TOKEN_PARAM;
  return {
    name: 'zoom-token',
    cursorParams: [param],
    next(context) {
      if (!isObject(context.body)) throw malformed(context, 'body is not a JSON object');
      const raw = getPath(context.body, tokenPath);
      if (raw === undefined) throw malformed(context, `"${tokenPath}" is missing`);
      const token = readToken(context, raw, `"${tokenPath}"`);
      return token === null ? { next: null } : { next: { params: { [param]: token } }, token };
    },
  };
}
