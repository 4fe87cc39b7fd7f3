import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import type { Source } from 'pagewise/engine';
import { fastifyPageRoute } from 'pagewise/fastify';
import { x } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { type XUserPostCounters, xUserPostCounters } from '../find-x-user.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import { sameVersion, type TimelineCut, TimelineCuts } from '../timeline-cuts.js';
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
import type { XLists, XRow } from '../x-lists.js';
import { pathUserId, tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** The values of one page query of the timeline (see `pageSource`). */
type PageValues = {
  id: bigint;
  tweetCount?: bigint;
  recentId?: bigint;
  cutAt?: unknown;
  cutId?: unknown;
};

/** `GET /2/users/:id/tweets`: a user's posts, newest first, the most recent 3,200 only. */
export function userTweetsRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const prepared = new PreparedSources(db, ctx.handle.kind);
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
    source: async ({ params }): Promise<Source<XRow>> => {
      const { id, exclude } = params;
      const filteredBy = (author: bigint) => {
        let base = db.selectFrom('x_tweets as t').where('t.author_id', '=', author);
        if (exclude.has('retweets')) base = base.where('t.kind', '!=', 2);
        if (exclude.has('replies')) base = base.where('t.kind', '!=', 1);
        return base;
      };
      // X serves only the most recent 3,200 posts (800 without replies): cut at the 3,200th.
      const reach = exclude.has('replies') ? X_TIMELINE_REACH_NO_REPLIES : X_TIMELINE_REACH;
      const key = `${id}:${exclude.has('retweets')}:${exclude.has('replies')}`;
      const computeCut = async (): Promise<TimelineCut | null> => {
        const row = await filteredBy(id)
          .select(['t.created_at', 't.id'])
          .orderBy('t.created_at', 'desc')
          .orderBy('t.id', 'desc')
          .offset(reach - 1)
          .limit(1)
          .executeTakeFirst();
        return row === undefined ? null : [row.created_at, row.id];
      };
      const columns = tweetColumns(params.options.fields);
      const pageSource = (cut: TimelineCut | null, guard?: XUserPostCounters): Source<XRow> => {
        // What decides the SQL; the author, the counters and the cut are values.
        const shape = `${exclude.has('retweets')}:${exclude.has('replies')}:${columns.join()}:${guard !== undefined}:${cut !== null}`;
        const values: PageValues = { id };
        if (guard !== undefined) {
          // Bigints, as SQLite compares a subquery's integer with a text parameter as unequal.
          values.tweetCount = BigInt(guard.tweetCount);
          values.recentId = BigInt(guard.mostRecentTweetId ?? 0);
        }
        if (cut !== null) {
          values.cutAt = cut[0];
          values.cutId = cut[1];
        }
        return prepared.source(
          shape,
          (v: PageValues) => {
            let q = filteredBy(v.id).select(columns);
            if (guard !== undefined) {
              // Rows only while the author's counters are those the cut was
              // computed at. Uncorrelated, so evaluated once per statement
              // (SQLite runs it once, PostgreSQL makes it a one-time filter),
              // and no column is added to the rows. Ids are positive: 0 stands
              // for no post.
              q = q
                .where(
                  sql<SqlBool>`(select u.tweet_count from x_users as u where u.id = ${v.id}) = ${v.tweetCount}`,
                )
                .where(
                  sql<SqlBool>`(select coalesce(u.most_recent_tweet_id, 0) from x_users as u where u.id = ${v.id}) = ${v.recentId}`,
                );
            }
            // Fewer posts than the reach: nothing to cut.
            if (cut !== null) {
              q = q.where(
                sql<SqlBool>`(${sql.ref('t.created_at')}, ${sql.ref('t.id')}) >= (${v.cutAt}, ${v.cutId})`,
              );
            }
            return q;
          },
          values,
        ) as Source<XRow>;
      };
      const known = cuts.fresh(key);
      if (known === undefined) {
        // Cold (or stale): read the user (404 when unknown) and its post counters, then the cut.
        const version = await userCounters(id, params.raw);
        return pageSource(await cuts.get(key, version, computeCut));
      }
      // Warm: the user existed a moment ago (users are never deleted), so
      // the page runs at once with the cut known, guarded by the author's
      // counters in the same statement: one statement per page instead of
      // a user lookup and a page with a 3,200-row subquery. An empty answer
      // means the counters moved (or the page is past the end): read them,
      // and when they moved compute the cut again and read the page again.
      const optimistic = pageSource(known.cut, known);
      return {
        // Counts (unused by X's style) need no guard: the cut is that of a moment ago.
        count: (request) => pageSource(known.cut).count(request),
        async fetch(request) {
          const rows = await optimistic.fetch(request);
          if (rows.length > 0) return rows;
          const version = await userCounters(id, params.raw);
          if (sameVersion(known, version)) return rows;
          return pageSource(await cuts.get(key, version, computeCut)).fetch(request);
        },
      };
    },
    toItem: (row, params) => tweetItem(row, params.options.fields),
    includes: (items, { params }) =>
      postIncludes(db, items as readonly PostItem[], params.options.expansions, {
        tweet: params.options.requested,
        user: params.options.userFields,
      }),
  });
}
