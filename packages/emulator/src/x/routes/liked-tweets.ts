import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXUser } from '../find-x-user.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { fieldParams, idParam, likedTweets, str } from '../x-endpoints.js';
import { tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, tweetOptions } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/users/:id/liked_tweets`: the posts a user liked, most recent
 * like first (a walk on `x_likes_user_time`).
 */
export function likedTweetsRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/users/:id/liked_tweets',
    style: x,
    endpoint: likedTweets,
    list: lists.likedTweets,
    ...emulatorAdmission(ctx, x, likedTweets),
    schema: xRouteSchema(
      'Posts a user liked, most recent like first',
      Type.Object({
        max_results: str('5-100, default 100.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        ...fieldParams,
      }),
      idParam,
    ),
    parse: (request, query) => {
      const raw = (request.params as { id: string }).id;
      return { raw, id: pathUserId(raw), options: tweetOptions(query) };
    },
    source: async ({ params }) => {
      await findXUser(db, params.id, params.raw);
      const q = db
        .selectFrom('x_likes as l')
        .innerJoin('x_tweets as t', 't.id', 'l.tweet_id')
        .selectAll('t')
        .select(['l.created_at as like_created_at', 'l.tweet_id as like_other_id'])
        .where('l.user_id', '=', params.id);
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
