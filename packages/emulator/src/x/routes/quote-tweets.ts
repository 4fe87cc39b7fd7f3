import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import { POST_KIND } from '../../data/x-post-graph.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXTweet } from '../find-x-tweet.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { fieldParams, quoteTweets, str, tweetIdParam } from '../x-endpoints.js';
import { listParam, tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, tweetOptions } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/tweets/:id/quote_tweets`: the posts quoting a post, newest first
 * (posts of kind 3 pointing at it; a walk on `x_tweets_ref_kind_time`).
 * `exclude=replies,retweets` is accepted: a quote is neither in this data.
 */
export function quoteTweetsRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/tweets/:id/quote_tweets',
    style: x,
    endpoint: quoteTweets,
    list: lists.quoteTweets,
    ...emulatorAdmission(ctx, x, quoteTweets),
    schema: xRouteSchema(
      'Posts quoting a post, newest first',
      Type.Object({
        max_results: str('10-100, default 10.'),
        pagination_token: str('meta.next_token of a previous page.'),
        exclude: str('Comma-separated: replies, retweets.'),
        ...fieldParams,
      }),
      tweetIdParam,
    ),
    parse: (request, query) => {
      const raw = (request.params as { id: string }).id;
      const exclude = listParam(query, 'exclude', ['replies', 'retweets']);
      return { raw, id: pathUserId(raw), options: tweetOptions(query), exclude };
    },
    source: async ({ params }) => {
      await findXTweet(db, params.id, params.raw);
      const q = db
        .selectFrom('x_tweets as r')
        .selectAll('r')
        .select(['r.created_at as ref_created_at', 'r.id as ref_id'])
        .where('r.referenced_tweet_id', '=', params.id)
        .where('r.kind', '=', POST_KIND.quote);
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
