import type { PageView, StyleResponse } from '../types.js';
import type { FormatContext } from '../wire-style.js';
import type { LinkEndpoint } from './link-endpoint.js';
import { formatLinkHeader } from './link-header.js';

/** GitHub's JSON content type. */
export const LINK_JSON = 'application/json; charset=utf-8';

function urlWith(base: string, set: Readonly<Record<string, string | undefined>>): string {
  let absolute = /^[a-z][a-z0-9+.-]*:/i.test(base);
  let url: URL;
  try {
    url = new URL(base, 'http://relative.invalid');
  } catch {
    // An unparsable absolute URL (bad Host header): fall back to its path and query.
    const path = base.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    url = new URL(path.startsWith('/') ? path : `/${path}`, 'http://relative.invalid');
    absolute = false;
  }
  for (const [name, value] of Object.entries(set)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return absolute ? url.href : `${url.pathname}${url.search}`;
}

function links<T>(
  page: PageView<T>,
  endpoint: LinkEndpoint,
  base: string,
): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  const size = String(page.pageSize);
  if (endpoint.mode === 'cursor') {
    if (page.previousToken) {
      out.push([
        'prev',
        urlWith(base, { [endpoint.cursorParam]: page.previousToken, per_page: size }),
      ]);
    }
    if (page.nextToken) {
      out.push(['next', urlWith(base, { [endpoint.cursorParam]: page.nextToken, per_page: size })]);
    }
    if (page.previousToken) {
      out.push(['first', urlWith(base, { [endpoint.cursorParam]: undefined, per_page: size })]);
    }
    return out;
  }
  const current = page.pageNumber ?? 1;
  const last =
    page.totalRecords === undefined
      ? undefined
      : Math.max(1, Math.ceil(page.totalRecords / page.pageSize));
  const hasNext = last === undefined ? Boolean(page.nextToken) : current < last;
  const at = (n: number) => urlWith(base, { [endpoint.pageParam]: String(n), per_page: size });
  // GitHub's order: prev, next, last, first.
  if (current > 1) out.push(['prev', at(current - 1)]);
  if (hasNext) out.push(['next', at(current + 1)]);
  if (last !== undefined && current < last) out.push(['last', at(last)]);
  if (current > 1) out.push(['first', at(1)]);
  return out;
}

/**
 * Writes one Link-style page: the items as a JSON array, and a `Link`
 * header (`prev`, `next`, `last`, `first`, GitHub's order) built from the
 * request URL; no header when everything fits on one page, as GitHub does.
 */
export function formatLinkPage<T>(
  page: PageView<T>,
  endpoint: LinkEndpoint,
  context: FormatContext = {},
): StyleResponse {
  const rels = links(page, endpoint, context.url ?? '/');
  const headers: Record<string, string> = { 'content-type': LINK_JSON };
  if (rels.length > 0) headers['link'] = formatLinkHeader(rels);
  return { status: 200, headers, body: page.items };
}
