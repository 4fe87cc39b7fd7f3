import { type Kysely, sql } from 'kysely';
import { type StyleResponse, singleValue, truncateEcho, X_JSON, x } from 'pagewise/styles';
import type { EmulatorDatabase } from '../data/schema.js';
import { badParam, type RawQuery } from '../http/bad-param.js';
import { X_LOOKUP_MAX_ITEMS } from './x-endpoints.js';
import type { XRow } from './x-lists.js';

/**
 * Reads a comma-separated lookup list (`usernames`, `ids`) as X checks it:
 * required, given once, 1–100 values, each matching `pattern` (its source
 * is quoted in the message). Returns the values in the order sent.
 */
export function lookupList(query: RawQuery, param: string, pattern: RegExp): string[] {
  const raw = singleValue(query, param);
  if (raw === undefined || raw === '') {
    badParam(param, raw ?? [], `The \`${param}\` query parameter can not be empty`, 'missing');
  }
  const values = raw.split(',');
  if (values.length > X_LOOKUP_MAX_ITEMS) {
    badParam(
      param,
      [truncateEcho(raw)],
      `The number of values in the \`${param}\` query parameter list [${values.length}] is not between 1 and ${X_LOOKUP_MAX_ITEMS}`,
    );
  }
  for (const value of values) {
    if (!pattern.test(value)) {
      const echo = truncateEcho(value);
      badParam(
        param,
        [echo],
        `The \`${param}\` query parameter value [${echo}] does not match ${pattern.source}`,
      );
    }
  }
  return values;
}

/** The user rows with these usernames, compared case-insensitively (index `x_users_username_lower`). */
export async function usersByUsernames(
  db: Kysely<EmulatorDatabase>,
  usernames: readonly string[],
): Promise<XRow[]> {
  if (usernames.length === 0) return [];
  const lowered = [...new Set(usernames.map((u) => u.toLowerCase()))];
  return (await db
    .selectFrom('x_users')
    .selectAll()
    .where(sql<string>`lower(username)`, 'in', lowered)
    .execute()) as unknown as XRow[];
}

/** The user rows with these ids. */
export async function usersByIds(
  db: Kysely<EmulatorDatabase>,
  ids: readonly bigint[],
): Promise<XRow[]> {
  if (ids.length === 0) return [];
  return (await db
    .selectFrom('x_users')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()) as unknown as XRow[];
}

/**
 * X's answer to a multi-user lookup: 200 with `data` (the users found, in
 * the order asked, each once) and `errors` (a "Not Found Error" per value
 * not found, worded by the X style), each key only when non-empty, as the
 * 2.159 document's `Get2UsersByResponse` and recorded responses show.
 *
 * @param asked the values as sent, in order (repeats answered once)
 * @param keyOf the value a row answers, compared as `normalize` makes it
 */
export function partialUsers(
  asked: readonly string[],
  rows: readonly XRow[],
  options: {
    readonly param: string;
    readonly keyOf: (row: XRow) => string;
    readonly normalize: (value: string) => string;
    readonly toItem: (row: XRow) => unknown;
  },
): StyleResponse {
  const byKey = new Map(rows.map((r) => [options.normalize(options.keyOf(r)), r]));
  const data: unknown[] = [];
  const errors: unknown[] = [];
  const seen = new Set<string>();
  for (const value of asked) {
    const key = options.normalize(value);
    if (seen.has(key)) continue;
    seen.add(key);
    const row = byKey.get(key);
    if (row !== undefined) data.push(options.toItem(row));
    else errors.push(...notFoundErrors(value, options.param));
  }
  const body: Record<string, unknown> = {};
  if (data.length > 0) body['data'] = data;
  if (errors.length > 0) body['errors'] = errors;
  return { status: 200, headers: { 'content-type': X_JSON }, body };
}

/** The `errors` entries of X's "Could not find user with {param}: [value]." (the style's wording). */
function notFoundErrors(value: string, param: string): readonly unknown[] {
  const body = x.formatProblem({ kind: 'not_found', resource: 'user', id: value, param }).body as {
    errors: readonly unknown[];
  };
  return body.errors;
}
