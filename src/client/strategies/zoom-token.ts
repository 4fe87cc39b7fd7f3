import { getPath, isObject } from '../json-path.js';
import type { Strategy } from '../strategy.js';
import { malformed, readToken } from './malformed.js';

/** Options of {@link zoomToken}. */
export interface ZoomTokenOptions {
  /**
   * Body path of the next token.
   * @default 'next_page_token'
   */
  readonly tokenPath?: string;
  /**
   * Query parameter that takes it back.
   * @default 'next_page_token'
   */
  readonly param?: string;
}

/**
 * Zoom's token pagination: the body's `next_page_token` is sent back as
 * `next_page_token` with the same query; an empty string ends the list.
 * A body without the key at all is malformed (Zoom always sends it, `""` at
 * the end), so a changed API cannot end the walk silently.
 */
export function zoomToken(options: ZoomTokenOptions = {}): Strategy {
  const tokenPath = options.tokenPath ?? 'next_page_token';
  const param = options.param ?? 'next_page_token';
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
