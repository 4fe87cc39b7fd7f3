import { isRecord } from '../query-input.js';
import type { PageView, StyleResponse } from '../types.js';
import type { XEndpoint, XMetaKey } from './x-endpoints.js';

/** X's JSON content type, as its responses spell it. */
export const X_JSON = 'application/json; charset=utf-8';

function idOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const id = item['id'];
  return typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint'
    ? String(id)
    : undefined;
}

/**
 * The `includes` section to write: only kinds with something in them, and
 * none at all when every kind is empty (X omits the key).
 */
function includesOf(
  includes: Readonly<Record<string, readonly unknown[]>> | undefined,
): Record<string, readonly unknown[]> | undefined {
  if (includes === undefined) return undefined;
  let out: Record<string, readonly unknown[]> | undefined;
  for (const key of Object.keys(includes)) {
    const list = includes[key];
    if (list === undefined || list.length === 0) continue;
    out ??= {};
    out[key] = list;
  }
  return out;
}

/**
 * Writes one X page: `{ data, includes, meta }` in X's order, with the
 * endpoint's `meta` keys (WIRE.md §2.2). An empty result is exactly
 * `{"meta":{"result_count":0}}`: no `data`, no `includes`. `next_token` is
 * absent at the end, never `""` (tweepy would send `""` back).
 */
export function formatXPage<T>(page: PageView<T>, endpoint: XEndpoint): StyleResponse {
  const count = page.items.length;
  const values: Record<XMetaKey, unknown> = {
    result_count: count,
    newest_id: count > 0 ? idOf(page.items[0]) : undefined,
    oldest_id: count > 0 ? idOf(page.items[count - 1]) : undefined,
    next_token: page.nextToken === '' ? undefined : page.nextToken,
    previous_token: page.previousToken === '' ? undefined : page.previousToken,
  };
  const meta: Record<string, unknown> = {};
  for (const key of endpoint.metaKeys) {
    const value = values[key];
    if (value !== undefined) meta[key] = value;
  }
  if (count === 0) return { status: 200, headers: { 'content-type': X_JSON }, body: { meta } };
  const includes = includesOf(page.includes);
  const body =
    includes === undefined ? { data: page.items, meta } : { data: page.items, includes, meta };
  return { status: 200, headers: { 'content-type': X_JSON }, body };
}

/**
 * Writes one X resource (a lookup, not a list): `{ data, includes }`, with
 * `includes` only when it holds something, as X answers `GET /2/users/:id`.
 */
export function formatXResource(
  data: unknown,
  includes?: Readonly<Record<string, readonly unknown[]>>,
): StyleResponse {
  const section = includesOf(includes);
  return {
    status: 200,
    headers: { 'content-type': X_JSON },
    body: section === undefined ? { data } : { data, includes: section },
  };
}
