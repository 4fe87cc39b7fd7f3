import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXTweet } from '../find-x-tweet.js';
import { fieldParams, likingUsers, str, tweetIdParam } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, userFields } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/tweets/:id/liking_users`: the users who liked a post, most
 * recent like first (a walk on `x_likes_tweet_time`).
 */
export function likingUsersRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/tweets/:id/liking_users',
    style: x,
    endpoint: likingUsers,
    list: lists.likingUsers,
    ...emulatorAdmission(ctx, x, likingUsers),
    schema: xRouteSchema(
      'Users who liked a post, most recent like first',
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
      // Same id pattern and message as a user id.
      return { raw, id: pathUserId(raw), fields: userFields(query) };
    },
    source: async ({ params }) => {
      await findXTweet(db, params.id, params.raw);
      const q = db
        .selectFrom('x_likes as l')
        .innerJoin('x_users as u', 'u.id', 'l.user_id')
        .selectAll('u')
        .select(['l.created_at as like_created_at', 'l.user_id as like_other_id'])
        .where('l.tweet_id', '=', params.id);
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => userItem(row, params.fields),
  });
}
