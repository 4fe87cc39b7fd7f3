import type { PageSizeLimits, StyleEndpoint } from '../types.js';

/** One Link-style list endpoint. */
export interface LinkEndpoint extends StyleEndpoint {
  /** `page`: numbered pages (`page`, OFFSET-based, with a depth cap); `cursor`: opaque tokens. */
  readonly mode: 'page' | 'cursor';
  /** Name of the page-number parameter (page mode). */
  readonly pageParam: string;
  /** Name of the cursor parameter (cursor mode). */
  readonly cursorParam: string;
}

/** GitHub's page sizes: `per_page` default 30, maximum 100; larger values are cut to 100. */
export const LINK_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 1,
  max: 100,
  default: 30,
  oversized: 'clamp',
});

/**
 * A Link-style endpoint description, with defaults for what is not given.
 * @example
 * ```ts
 * const items = linkEndpoint({ mode: 'cursor' });
 * ```
 */
export function linkEndpoint(
  options: {
    /** @default 'page' */
    mode?: 'page' | 'cursor';
    /** @default 'page' */
    pageParam?: string;
    /** @default 'cursor' */
    cursorParam?: string;
    /** @default LINK_PAGE_SIZE */
    pageSize?: PageSizeLimits;
  } = {},
): LinkEndpoint {
  return Object.freeze({
    mode: options.mode ?? 'page',
    pageParam: options.pageParam ?? 'page',
    cursorParam: options.cursorParam ?? 'cursor',
    pageSize: options.pageSize ?? LINK_PAGE_SIZE,
  });
}

/** Ready-made endpoints: numbered pages and cursor pages. */
export const linkEndpoints = /* @__PURE__ */ Object.freeze({
  pages: linkEndpoint({ mode: 'page' }),
  cursor: linkEndpoint({ mode: 'cursor' }),
});
