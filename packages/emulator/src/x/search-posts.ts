import { type Kysely, sql } from 'kysely';
import type { Source } from 'pagewise/engine';
import type { PreparedSources } from '../data/prepared-sources.js';
import type { EmulatorDatabase } from '../data/schema.js';
import { badParam } from '../http/bad-param.js';
import {
  fromUsernames,
  parseSearchQuery,
  type SearchNode,
  SearchQueryError,
  searchPredicate,
} from './search-query.js';
import { tweetColumns } from './tweet-columns.js';
import type { XRow } from './x-lists.js';

/*
 * What recent search and full-archive search share: the `query` parameter
 * (one query language, x/search-query.ts) and the posts it selects.
 */

/** The parsed `query` of a search request (at most `maxLength` characters), or X's 400. */
export function searchQuery(values: readonly string[], maxLength: number): SearchNode {
  const text = values[0] ?? '';
  if (values.length > 1)
    badParam('query', values, 'The `query` query parameter can only be given once');
  if (text.trim() === '')
    badParam('query', values, 'The `query` query parameter can not be empty', 'missing');
  if (text.length > maxLength) {
    badParam(
      'query',
      [text.slice(0, 128)],
      `The \`query\` query parameter value must be ${maxLength} characters or fewer, got ${text.length}`,
    );
  }
  try {
    return parseSearchQuery(text);
  } catch (err) {
    if (err instanceof SearchQueryError) badParam('query', [text], err.message);
    throw err;
  }
}

/**
 * The posts matching `node` created at or after `floorMs`, for the keyset
 * engine (newest first on `x_tweets_time`): `from:` names are resolved to
 * ids first (an unknown name matches nothing). Only the columns `fields`
 * (the post fields the page writes) need are read. The query is compiled
 * once per search (its words and authors decide the SQL) and field set, in
 * `prepared`; the time floor is its one value.
 */
export async function searchSource(
  prepared: PreparedSources,
  db: Kysely<EmulatorDatabase>,
  dialect: 'sqlite' | 'postgres',
  node: SearchNode,
  floorMs: number,
  fields: ReadonlySet<string>,
): Promise<Source<XRow>> {
  const names = [...fromUsernames(node)];
  const authors = new Map<string, bigint>();
  if (names.length > 0) {
    const rows = await db
      .selectFrom('x_users')
      .select(['id', 'username'])
      // Usernames are case-insensitive on X (index x_users_username_lower).
      .where(sql<string>`lower(username)`, 'in', names)
      .execute();
    for (const r of rows) authors.set(r.username.toLowerCase(), BigInt(r.id));
  }
  const columns = tweetColumns(fields);
  const shape = JSON.stringify([node, [...authors].map(([name, id]) => `${name}=${id}`), columns]);
  return prepared.source(
    shape,
    (v: { floorMs: number }) =>
      db
        .selectFrom('x_tweets as t')
        .select(columns)
        .where('t.created_at', '>=', v.floorMs)
        .where(searchPredicate(node, authors, dialect)),
    { floorMs },
  ) as Source<XRow>;
}
