import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { xUserPostCounters } from '../find-x-user.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { TimelineCuts } from '../timeline-cuts.js';
import { tweetColumns } from '../tweet-columns.js';
import {
  fieldParams,
  idParam,
  str,
  userTweets,
  windowParams,
  X_TIMELINE_REACH,
  X_TIMELINE_REACH_NO_REPLIES,
} from '../x-endpoints.js';
import { listParam, tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** `GET /2/users/:id/tweets`: a user's posts, newest first, the most recent 3,200 only. */
export function userTweetsRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const userCounters = xUserPostCounters(db);
  const cuts = new TimelineCuts();
  return fastifyPageRoute({
    url: '/2/users/:id/tweets',
    style: x,
    endpoint: userTweets,
    list: lists.userTweets,
    ...emulatorAdmission(ctx, x, userTweets),
    schema: xRouteSchema(
      "A user's posts, newest first",
      Type.Object({
        max_results: str('5-100, default 10.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        exclude: str('Comma-separated: retweets, replies.'),
        ...windowParams,
        ...fieldParams,
      }),
      idParam,
    ),
    parse: (request, query) => {
      const window = xWindow(query);
      const raw = (request.params as { id: string }).id;
      const id = pathUserId(raw);
      const options = tweetOptions(query);
      const exclude = listParam(query, 'exclude', ['retweets', 'replies']);
      return { raw, id, options, exclude, window };
    },
    window: ({ params }) => params.window,
    source: async ({ params }) => {
      const { id, exclude } = params;
      const version = await userCounters(id, params.raw);
      let base = db.selectFrom('x_tweets as t').where('t.author_id', '=', id);
      if (exclude.has('retweets')) base = base.where('t.kind', '!=', 2);
      if (exclude.has('replies')) base = base.where('t.kind', '!=', 1);
      // X serves only the most recent 3,200 posts (800 without replies): cut at the 3,200th.
      const reach = exclude.has('replies') ? X_TIMELINE_REACH_NO_REPLIES : X_TIMELINE_REACH;
      const filtered = base;
      const cut = await cuts.get(
        `${id}:${exclude.has('retweets')}:${exclude.has('replies')}`,
        version,
        async () => {
          const row = await filtered
            .select(['t.created_at', 't.id'])
            .orderBy('t.created_at', 'desc')
            .orderBy('t.id', 'desc')
            .offset(reach - 1)
            .limit(1)
            .executeTakeFirst();
          return row === undefined ? null : [row.created_at, row.id];
        },
      );
      let q = base.select(tweetColumns(params.options.fields));
      // Fewer posts than the reach: nothing to cut.
      if (cut !== null) {
        q = q.where(
          sql<SqlBool>`(${sql.ref('t.created_at')}, ${sql.ref('t.id')}) >= (${cut[0]}, ${cut[1]})`,
        );
      }
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
