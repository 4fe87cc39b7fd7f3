import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { queryValues, x } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { searchQuery, searchSource } from '../search-posts.js';
import { MAX_SEARCH_QUERY_LENGTH } from '../search-query.js';
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

/** `GET /2/tweets/search/recent`: posts of the last 7 days matching a query, newest first. */
export function searchRecentRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const prepared = new PreparedSources(db, dialect);
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
      const node = searchQuery(queryValues(query, 'query'), MAX_SEARCH_QUERY_LENGTH);
      return { floor, window, node, options: tweetOptions(query) };
    },
    window: ({ params }) => params.window,
    source: ({ params }) =>
      searchSource(prepared, db, dialect, params.node, params.floor, params.options.fields),
    toItem: (row, params) => tweetItem(row, params.options.fields),
    includes: (items, { params }) =>
      postIncludes(db, items as readonly PostItem[], params.options.expansions, {
        tweet: params.options.requested,
        user: params.options.userFields,
      }),
  });
}
