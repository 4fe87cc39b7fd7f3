import { getPath, isObject } from '../json-path.js';
import type { Strategy } from '../strategy.js';
import { malformed, readToken } from './malformed.js';

/** Options of {@link bodyCursor}. */
export interface BodyCursorOptions {
  /** Query parameter that takes the cursor (`cursor` for Slack, `starting_after` for Stripe). */
  readonly param: string;
  /**
   * Body path of the next cursor (`response_metadata.next_cursor`). Absent,
   * `null` or `""` ends the list. Exclusive with `lastItemPath`.
   */
  readonly nextPath?: string;
  /**
   * Take the cursor from the last item of the page at this path (Stripe:
   * `id`, sent as `starting_after`).
   */
  readonly lastItemPath?: string;
  /**
   * Body path of a boolean that says whether more pages follow (Stripe
   * `has_more`). When set, it decides the end and must be present.
   */
  readonly hasMorePath?: string;
}

/**
 * A generic cursor in the body: where the next cursor is, and which query
 * parameter takes it back. Covers Slack (`response_metadata.next_cursor` →
 * `cursor`) and Stripe (`has_more` + last item `id` → `starting_after`).
 */
export function bodyCursor(options: BodyCursorOptions): Strategy {
  const { param, nextPath, lastItemPath, hasMorePath } = options;
  return {
    name: 'body-cursor',
    cursorParams: [param],
    next(context) {
      if (!isObject(context.body)) throw malformed(context, 'body is not a JSON object');
      if (hasMorePath !== undefined) {
        const more = getPath(context.body, hasMorePath);
        if (typeof more !== 'boolean') {
          throw malformed(context, `"${hasMorePath}" should be a boolean, got ${typeof more}`);
        }
        if (!more) return { next: null };
      }
      let token: string | null;
      if (lastItemPath !== undefined) {
        const last = context.items[context.items.length - 1];
        if (last === undefined) {
          throw malformed(context, 'the page says more items follow but holds none');
        }
        token = readToken(context, getPath(last, lastItemPath), `last item "${lastItemPath}"`);
        if (token === null) throw malformed(context, `the last item has no "${lastItemPath}"`);
      } else {
        const path = nextPath ?? 'next_cursor';
        token = readToken(context, getPath(context.body, path), `"${path}"`);
        if (token === null && hasMorePath !== undefined) {
          throw malformed(context, `"${hasMorePath}" is true but "${path}" is empty`);
        }
      }
      return token === null ? { next: null } : { next: { params: { [param]: token } }, token };
    },
  };
}
