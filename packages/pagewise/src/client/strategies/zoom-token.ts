import { ZOOM_TOKEN_PARAM } from '../../styles/zoom/zoom-endpoints.js';
import { readZoomPage } from '../../styles/zoom/zoom-read-page.js';
import type { Strategy } from '../strategy.js';

/**
 * Zoom's token pagination: the body's `next_page_token` is sent back as
 * `next_page_token` with the same query; an empty string ends the list.
 *
 * The page is read by the Zoom wire style's strict reader, the same one the
 * server's tests read their own pages with: a body without the key (Zoom
 * always sends it, `""` at the end) or with a token that is not a string is
 * malformed, never the end of the list, so a changed API cannot end the walk
 * silently. For another body path, use `bodyCursor()`.
 */
export function zoomToken(): Strategy {
  return {
    name: 'zoom-token',
    cursorParams: [ZOOM_TOKEN_PARAM],
    next(context) {
      const { nextToken } = readZoomPage({
        status: 200,
        headers: context.headers,
        body: context.body,
      });
      return nextToken === undefined
        ? { next: null }
        : { next: { params: { [ZOOM_TOKEN_PARAM]: nextToken } }, token: nextToken };
    },
  };
}
