import { getPath } from '../json-path.js';
import type { Strategy } from '../strategy.js';

/** Options of {@link offsetLimit}. */
export interface OffsetLimitOptions {
  /** @default 'offset' */
  readonly offsetParam?: string;
  /** @default 'limit' */
  readonly limitParam?: string;
  /** Page size when the request does not set `limitParam`. */
  readonly limit?: number;
  /** Body path of the total item count, when the API sends one. */
  readonly totalPath?: string;
}

/**
 * Offset/limit: the next offset is this offset plus the items received. The
 * list ends on an empty page, a short page (when the page size is known) or
 * once the offset reaches the reported total.
 */
export function offsetLimit(options: OffsetLimitOptions = {}): Strategy {
  const offsetParam = options.offsetParam ?? 'offset';
  const limitParam = options.limitParam ?? 'limit';
  return {
    name: 'offset-limit',
    cursorParams: [offsetParam],
    next(context) {
      const offset = Number(
        context.cursor.params?.[offsetParam] ?? context.url.searchParams.get(offsetParam) ?? 0,
      );
      const limitRaw = context.url.searchParams.get(limitParam);
      const limit = limitRaw === null ? options.limit : Number(limitRaw);
      const count = context.items.length;
      if (count === 0) return { next: null };
      if (limit !== undefined && count < limit) return { next: null };
      const nextOffset = offset + count;
      const total =
        options.totalPath === undefined ? undefined : getPath(context.body, options.totalPath);
      if (typeof total === 'number' && nextOffset >= total) return { next: null };
      return { next: { params: { [offsetParam]: String(nextOffset) } } };
    },
    ...(options.totalPath === undefined
      ? {}
      : {
          total: (body: unknown) => {
            const total = getPath(body, options.totalPath ?? '');
            return typeof total === 'number' ? total : undefined;
          },
        }),
  };
}
