import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { queryValues, x } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { searchQuery, searchSource } from '../search-posts.js';
import {
  fieldParams,
  MAX_SEARCH_ALL_QUERY_LENGTH,
  SEARCH_ALL_PER_SECOND,
  searchAll,
  str,
  windowParams,
  X_ARCHIVE_START_MS,
  X_SEARCH_ALL_DEFAULT_DAYS,
} from '../x-endpoints.js';
import { tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

const DAY = 86_400_000;

/**
 * `GET /2/tweets/search/all`: full-archive search, newest first, with the
 * query language of recent search. `start_time` reaches back to
 * 2006-03-21 (so the dataset's whole span); without `start_time` or
 * `since_id` it covers the last 30 days, as X does. App tokens only; one
 * request per second and 300 per 15 minutes.
 */
export function searchAllRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const prepared = new PreparedSources(db, dialect);
  return fastifyPageRoute({
    url: '/2/tweets/search/all',
    style: x,
    endpoint: searchAll,
    list: lists.searchAll,
    ...emulatorAdmission(ctx, x, searchAll, {
      tokens: 'app',
      extraRules: [SEARCH_ALL_PER_SECOND],
    }),
    schema: xRouteSchema(
      'Full-archive search, newest first (app tokens only, 1 request per second)',
      Type.Object({
        query: Type.String({
          description:
            'Search query, up to 1,024 characters: keywords, "phrases", from:, -negation, OR, ( ).',
        }),
        max_results: str('10-500, default 10.'),
        next_token: str('meta.next_token of a previous page.'),
        pagination_token: str(
          'Accepted as a synonym of next_token (the 2.159 document lists both).',
        ),
        sort_order: Type.Optional(
          Type.String({
            enum: ['recency', 'relevancy'],
            description: 'recency (default); relevancy is served in recency order.',
          }),
        ),
        ...windowParams,
        start_time: str(
          'YYYY-MM-DDTHH:mm:ssZ, inclusive, on or after 2006-03-21T00:00:00Z; default: 30 days ago (unless since_id is given).',
        ),
        ...fieldParams,
      }),
    ),
    parse: (_request, query) => {
      const window = xWindow(query, X_ARCHIVE_START_MS, '2006-03-21T00:00Z');
      const node = searchQuery(queryValues(query, 'query'), MAX_SEARCH_ALL_QUERY_LENGTH);
      // The 30-day default moves with the clock: part of the base query, not of the token.
      const floor =
        window['start_time'] === undefined && window['since_id'] === undefined
          ? ctx.now() - X_SEARCH_ALL_DEFAULT_DAYS * DAY
          : X_ARCHIVE_START_MS;
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
