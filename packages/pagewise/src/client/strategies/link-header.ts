import { readLinkRels } from '../../styles/link/link-read-page.js';
import type { Strategy } from '../strategy.js';
import { malformed } from './malformed.js';

/** Options of {@link linkHeader}. */
export interface LinkHeaderOptions {
  /**
   * Follow a `rel="next"` URL on another origin. Off by default: the
   * credentials of this request would be sent to that origin.
   * @default false
   */
  readonly allowCrossOrigin?: boolean;
}

/**
 * RFC 8288 `Link` header pagination (GitHub): follow `rel="next"` until the
 * header or the relation is absent. The next URL already carries the query.
 * The header is read by the Link wire style's reader; only the client's own
 * rules (a resolvable URL, same origin) are checked here. The body is not
 * looked at, so this also serves APIs that wrap their items in an object.
 */
export function linkHeader(options: LinkHeaderOptions = {}): Strategy {
  return {
    name: 'link-header',
    cursorParams: ['page', 'cursor', 'after'],
    next(context) {
      const target = readLinkRels(context.headers).nextUrl;
      if (target === undefined) return { next: null };
      let url: URL;
      try {
        url = new URL(target, context.url);
      } catch {
        throw malformed(context, `Link rel="next" is not a URL: ${target.slice(0, 100)}`);
      }
      if (!options.allowCrossOrigin && url.origin !== context.url.origin) {
        throw malformed(context, `Link rel="next" points to another origin (${url.origin})`);
      }
      return { next: { url: url.href }, token: url.href };
    },
  };
}
