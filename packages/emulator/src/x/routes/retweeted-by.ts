import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import { POST_KIND } from '../../data/x-post-graph.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXTweet } from '../find-x-tweet.js';
import { fieldParams, retweetedBy, str, tweetIdParam } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, userFields } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/tweets/:id/retweeted_by`: the users who retweeted a post, most
 * recent retweet first (the retweets are posts of kind 2 pointing at it; a
 * walk on `x_tweets_ref_kind_time`).
 */
export function retweetedByRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/tweets/:id/retweeted_by',
    style: x,
    endpoint: retweetedBy,
    list: lists.retweetedBy,
    ...emulatorAdmission(ctx, x, retweetedBy),
    schema: xRouteSchema(
      'Users who retweeted a post, most recent retweet first',
      Type.Object({
        max_results: str('1-100, default 100.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        'user.fields': fieldParams['user.fields'],
        expansions: fieldParams.expansions,
        'tweet.fields': fieldParams['tweet.fields'],
      }),
      tweetIdParam,
    ),
    parse: (request, query) => {
      const raw = (request.params as { id: string }).id;
      return { raw, id: pathUserId(raw), fields: userFields(query) };
    },
    source: async ({ params }) => {
      await findXTweet(db, params.id, params.raw);
      const q = db
        .selectFrom('x_tweets as r')
        .innerJoin('x_users as u', 'u.id', 'r.author_id')
        .selectAll('u')
        .select(['r.created_at as ref_created_at', 'r.id as ref_id'])
        .where('r.referenced_tweet_id', '=', params.id)
        .where('r.kind', '=', POST_KIND.retweet);
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => userItem(row, params.fields),
  });
}
