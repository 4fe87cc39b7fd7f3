import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXUser } from '../find-x-user.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import {
  fieldParams,
  idParam,
  str,
  userMentions,
  windowParams,
  X_MENTIONS_REACH,
} from '../x-endpoints.js';
import { tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** Below every stored time and id (see user-tweets.ts for why not the smallest int64). */
const INT64_MIN = -9223372036854775807n;

/**
 * `GET /2/users/:id/mentions`: posts that mention a user (an `@username`
 * of their text), newest first, the most recent 800 only. A keyset walk on
 * `x_mentions_user_time`, joined to the posts for their fields.
 */
export function userMentionsRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/users/:id/mentions',
    style: x,
    endpoint: userMentions,
    list: lists.userMentions,
    ...emulatorAdmission(ctx, x, userMentions),
    schema: xRouteSchema(
      'Posts mentioning a user, newest first (the most recent 800)',
      Type.Object({
        max_results: str('5-100, default 10.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        ...windowParams,
        ...fieldParams,
      }),
      idParam,
    ),
    parse: (request, query) => {
      const window = xWindow(query);
      const raw = (request.params as { id: string }).id;
      return { raw, id: pathUserId(raw), options: tweetOptions(query), window };
    },
    window: ({ params }) => params.window,
    source: async ({ params }) => {
      await findXUser(db, params.id, params.raw);
      // The 800th most recent mention bounds the walk; read in the page query
      // itself (a sentinel row of the smallest int64s when there are fewer).
      const cutoff = db
        .selectFrom('x_mentions as m')
        .select([
          'm.created_at as cut_time',
          'm.tweet_id as cut_id',
          sql<number>`0`.as('cut_order'),
        ])
        .where('m.user_id', '=', params.id)
        .orderBy('m.created_at', 'desc')
        .orderBy('m.tweet_id', 'desc')
        .offset(X_MENTIONS_REACH - 1)
        .limit(1);
      const bound = sql`(select c.cut_time, c.cut_id from (select * from ${cutoff} as r union all select ${sql.lit(INT64_MIN)}, ${sql.lit(INT64_MIN)}, 1) as c order by c.cut_order limit 1)`;
      const q = db
        .selectFrom('x_mentions as m')
        .innerJoin('x_tweets as t', 't.id', 'm.tweet_id')
        .selectAll('t')
        .where('m.user_id', '=', params.id)
        .where(sql<SqlBool>`(${sql.ref('m.created_at')}, ${sql.ref('m.tweet_id')}) >= ${bound}`);
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
