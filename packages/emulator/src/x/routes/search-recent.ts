import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { queryValues, x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { badParam } from '../../http/bad-param.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import {
  fromUsernames,
  MAX_SEARCH_QUERY_LENGTH,
  parseSearchQuery,
  type SearchNode,
  SearchQueryError,
  searchPredicate,
} from '../search-query.js';
import {
  fieldParams,
  searchRecent,
  str,
  windowParams,
  X_RECENT_SEARCH_DAYS,
} from '../x-endpoints.js';
import { tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

const DAY = 86_400_000;

/** The parsed `query` of a search request, or X's 400. */
function searchQuery(values: readonly string[]): SearchNode {
  const text = values[0] ?? '';
  if (values.length > 1)
    badParam('query', values, 'The `query` query parameter can only be given once');
  if (text.trim() === '')
    badParam('query', values, 'The `query` query parameter can not be empty', 'missing');
  if (text.length > MAX_SEARCH_QUERY_LENGTH) {
    badParam(
      'query',
      [text.slice(0, 128)],
      `The \`query\` query parameter value must be ${MAX_SEARCH_QUERY_LENGTH} characters or fewer, got ${text.length}`,
    );
  }
  try {
    return parseSearchQuery(text);
  } catch (err) {
    if (err instanceof SearchQueryError) badParam('query', [text], err.message);
    throw err;
  }
}

/** `GET /2/tweets/search/recent`: posts of the last 7 days matching a query, newest first. */
export function searchRecentRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/tweets/search/recent',
    style: x,
    endpoint: searchRecent,
    list: lists.searchRecent,
    ...emulatorAdmission(ctx, x, searchRecent),
    schema: xRouteSchema(
      'Recent search (last 7 days), newest first',
      Type.Object({
        query: Type.String({
          description:
            'Search query, up to 512 characters: keywords and "phrases" (whole words), #hashtags, @mentions, from:, -negation, OR, ( ).',
        }),
        max_results: str('10-100, default 10.'),
        next_token: str('meta.next_token of a previous page.'),
        pagination_token: str('Accepted as a synonym of next_token (UNCONFIRMED on X).'),
        sort_order: Type.Optional(
          Type.String({
            enum: ['recency', 'relevancy'],
            description: 'recency (default); relevancy is served in recency order.',
          }),
        ),
        ...windowParams,
        ...fieldParams,
      }),
    ),
    parse: (_request, query) => {
      // The 7-day reach moves with the clock; it is part of the base query, not of the token.
      const floor = ctx.now() - X_RECENT_SEARCH_DAYS * DAY;
      const window = xWindow(query, floor);
      const node = searchQuery(queryValues(query, 'query'));
      return { floor, window, node, options: tweetOptions(query) };
    },
    window: ({ params }) => params.window,
    source: async ({ params }) => {
      const names = [...fromUsernames(params.node)];
      const authors = new Map<string, bigint>();
      if (names.length > 0) {
        const rows = await db
          .selectFrom('x_users')
          .select(['id', 'username'])
          .where('username', 'in', names)
          .execute();
        for (const r of rows) authors.set(r.username.toLowerCase(), BigInt(r.id));
      }
      const q = db
        .selectFrom('x_tweets as t')
        .selectAll('t')
        .where('t.created_at', '>=', params.floor)
        .where(searchPredicate(params.node, authors, dialect));
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => tweetItem(row, params.options.fields),
    includes: (items, { params }) =>
      postIncludes(db, items as readonly PostItem[], params.options.expansions, {
        tweet: params.options.requested,
        user: params.options.userFields,
      }),
  });
}
