import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import { kyselySource } from 'pagewise/kysely';
import {
  isoSeconds,
  queryValues,
  StyleProblemError,
  type StyleResponse,
  type XEndpoint,
  x,
} from 'pagewise/styles';
import type { Principal } from '../auth/principal.js';
import type { EmulatorContext } from '../emulator-context.js';
import { xRules } from '../http/api-rate-limiter.js';
import { registerApiRoute } from '../http/api-route.js';
import { badParam, type RawQuery, servePage } from '../http/serve-page.js';
import { parseXTime } from '../http/wire-format.js';
import {
  fieldsForExpansions,
  type PostExpansions,
  postExpansions,
  withPostIncludes,
} from './post-includes.js';
import {
  fromUsernames,
  MAX_SEARCH_QUERY_LENGTH,
  parseSearchQuery,
  SearchQueryError,
  searchPredicate,
} from './search-query.js';
import {
  fieldParams,
  followers,
  following,
  ID_RE,
  idParam,
  searchRecent,
  str,
  userLookup,
  userMe,
  userTweets,
  windowParams,
  X_RECENT_SEARCH_DAYS,
  X_TIMELINE_REACH,
  X_TIMELINE_REACH_NO_REPLIES,
} from './x-endpoints.js';
import {
  listParam,
  tweetItem,
  userItem,
  X_TWEET_EXPANSIONS,
  X_TWEET_FIELDS,
  X_USER_EXPANSIONS,
  X_USER_FIELDS,
} from './x-fields.js';
import { type XRow, xLists } from './x-lists.js';

const DAY = 86_400_000;

/** Below every stored time and id; the smallest int64 plus one, so PostgreSQL reads the literal as bigint (its negation of 9223372036854775808 would be numeric, and a numeric bound would keep the index out). */
const INT64_MIN = -9223372036854775807n;

/** Registers the X endpoints under `/2`. */
export function registerXRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const lists = xLists(ctx.codec);
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const route = (
    url: string,
    name: string,
    endpoint: XEndpoint,
    summary: string,
    querystring: TSchema,
    params: TSchema | undefined,
    handler: (req: FastifyRequest, principal: Principal, query: RawQuery) => Promise<StyleResponse>,
  ) =>
    registerApiRoute(app, ctx, {
      url,
      style: x,
      endpoint,
      rules: xRules(name, endpoint),
      schema: {
        summary,
        tags: ['X'],
        security: [{ bearerAuth: [] }],
        querystring,
        ...(params ? { params } : {}),
      },
      handler: (req, principal) => handler(req, principal, req.query as RawQuery),
    });

  /** The numeric user id of the path (`me` resolved), or X's 400. */
  function pathUserId(raw: string): bigint {
    if (!ID_RE.test(raw))
      badParam(
        'id',
        [raw],
        `The \`id\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`,
      );
    return BigInt(raw);
  }

  async function findUser(id: bigint, raw: string): Promise<XRow> {
    const row = await db.selectFrom('x_users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: raw });
    return row as unknown as XRow;
  }

  function rejectUnknown(query: RawQuery, endpoint: XEndpoint): void {
    // The style also checks this in parseRequest; non-list routes need it here.
    for (const name of Object.keys(query)) {
      if (!(endpoint.allowedParams ?? []).includes(name)) {
        badParam(
          name,
          queryValues(query, name),
          `The query parameter [${name}] is not one of [${(endpoint.allowedParams ?? []).join(',')}]`,
        );
      }
    }
  }

  /** since_id, until_id, start_time, end_time, checked as X does. */
  function windowOf(query: RawQuery, floorMs?: number): Record<string, unknown> {
    const w: Record<string, unknown> = {};
    for (const p of ['since_id', 'until_id'] as const) {
      const v = query[p];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !ID_RE.test(v)) {
        badParam(
          p,
          v,
          `The \`${p}\` query parameter value [${String(v)}] does not match ^[0-9]{1,19}$`,
        );
      }
      w[p] = BigInt(v);
    }
    for (const p of ['start_time', 'end_time'] as const) {
      const v = query[p];
      if (v === undefined) continue;
      const ms = typeof v === 'string' ? parseXTime(v) : undefined;
      if (ms === undefined) {
        badParam(
          p,
          v,
          `Invalid '${p}':'${String(v)}'. '${p}' must be a valid RFC 3339 date-time (YYYY-MM-DDTHH:mm:ssZ).`,
        );
      }
      w[p] = ms;
    }
    const start = w['start_time'] as number | undefined;
    const end = w['end_time'] as number | undefined;
    if (start !== undefined && end !== undefined && start >= end) {
      badParam(
        'start_time',
        String(query['start_time']),
        `Invalid 'start_time':'${String(query['start_time'])}'. 'start_time' must be before 'end_time'.`,
      );
    }
    if (floorMs !== undefined && start !== undefined && start < floorMs) {
      badParam(
        'start_time',
        String(query['start_time']),
        `Invalid 'start_time':'${String(query['start_time'])}'. 'start_time' must be on or after ${isoSeconds(Math.ceil(floorMs / 1000) * 1000)}`,
      );
    }
    return w;
  }

  route(
    '/2/users/me',
    'usersMe',
    userMe,
    'The authenticated user',
    Type.Object(fieldParams),
    undefined,
    async (_req, principal, query) => {
      rejectUnknown(query, userMe);
      const fields = listParam(query, 'user.fields', X_USER_FIELDS);
      listParam(query, 'expansions', X_USER_EXPANSIONS);
      const row = await findUser(principal.xUserId, String(principal.xUserId));
      return ok({ data: userItem(row, fields) });
    },
  );

  route(
    '/2/users/:id',
    'usersById',
    userLookup,
    'A user by id',
    Type.Object(fieldParams),
    idParam,
    async (req, _principal, query) => {
      rejectUnknown(query, userLookup);
      const raw = (req.params as { id: string }).id;
      const id = pathUserId(raw);
      const fields = listParam(query, 'user.fields', X_USER_FIELDS);
      listParam(query, 'expansions', X_USER_EXPANSIONS);
      const row = await findUser(id, raw);
      return ok({ data: userItem(row, fields) });
    },
  );

  route(
    '/2/users/:id/tweets',
    'userTweets',
    userTweets,
    "A user's posts, newest first",
    Type.Object({
      max_results: str('5-100, default 10.'),
      pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
      exclude: str('Comma-separated: retweets, replies.'),
      ...windowParams,
      ...fieldParams,
    }),
    idParam,
    async (req, principal, query) => {
      const raw = (req.params as { id: string }).id;
      let options = NO_TWEET_OPTIONS;
      const res = await servePage({
        request: req,
        style: x,
        endpoint: userTweets,
        list: lists.userTweets,
        listKey: `GET /2/users/${raw}/tweets`,
        principal,
        window: windowOf(query),
        source: async () => {
          const id = pathUserId(raw);
          options = tweetOptions(query);
          const exclude = listParam(query, 'exclude', ['retweets', 'replies']);
          await findUser(id, raw);
          let base = db.selectFrom('x_tweets as t').selectAll('t').where('t.author_id', '=', id);
          if (exclude.has('retweets')) base = base.where('t.kind', '!=', 2);
          if (exclude.has('replies')) base = base.where('t.kind', '!=', 1);
          // X serves only the most recent 3,200 posts (800 without replies): cut at the 3,200th.
          const reach = exclude.has('replies') ? X_TIMELINE_REACH_NO_REPLIES : X_TIMELINE_REACH;
          // The cutoff is a subquery of the page query: one round trip instead of
          // two on every page. It is read once: when there are fewer posts than the
          // reach, the sentinel row (the smallest int64s) cuts nothing. An
          // `not exists (cut) or (...) >= (cut)` form walks the index to the 3,200th
          // post twice.
          const cutoff = base
            .clearSelect()
            .select(['t.created_at as cut_time', 't.id as cut_id', sql<number>`0`.as('cut_order')])
            .orderBy('t.created_at', 'desc')
            .orderBy('t.id', 'desc')
            .offset(reach - 1)
            .limit(1);
          const bound = sql`(select c.cut_time, c.cut_id from (select * from ${cutoff} as r union all select ${sql.lit(INT64_MIN)}, ${sql.lit(INT64_MIN)}, 1) as c order by c.cut_order limit 1)`;
          const q = base.where(
            sql<SqlBool>`(${sql.ref('t.created_at')}, ${sql.ref('t.id')}) >= ${bound}`,
          );
          return kyselySource(db, q, { dialect });
        },
        toItem: (r) => tweetItem(r, options.fields),
      });
      return withPostIncludes(db, res, options.expansions, {
        tweet: options.requested,
        user: options.userFields,
      });
    },
  );

  for (const [path, name, endpoint, list, summary] of [
    [
      'followers',
      'followers',
      followers,
      lists.followers,
      'Users following a user, newest follow first',
    ],
    [
      'following',
      'following',
      following,
      lists.following,
      'Users a user follows, newest follow first',
    ],
  ] as const) {
    route(
      `/2/users/:id/${path}`,
      name,
      endpoint,
      summary,
      Type.Object({
        max_results: str('1-1000, default 100.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        'user.fields': fieldParams['user.fields'],
        expansions: fieldParams.expansions,
        'tweet.fields': fieldParams['tweet.fields'],
      }),
      idParam,
      async (req, principal, query) => {
        const raw = (req.params as { id: string }).id;
        let fields: ReadonlySet<string> = new Set();
        return servePage({
          request: req,
          style: x,
          endpoint,
          list,
          listKey: `GET /2/users/${raw}/${path}`,
          principal,
          source: async () => {
            const id = pathUserId(raw);
            fields = listParam(query, 'user.fields', X_USER_FIELDS);
            listParam(query, 'expansions', X_USER_EXPANSIONS);
            listParam(query, 'tweet.fields', X_TWEET_FIELDS);
            await findUser(id, raw);
            const [mine, theirs] =
              path === 'followers'
                ? (['f.followee_id', 'f.follower_id'] as const)
                : (['f.follower_id', 'f.followee_id'] as const);
            const q = db
              .selectFrom('x_follows as f')
              .innerJoin('x_users as u', 'u.id', theirs)
              .selectAll('u')
              .select(['f.created_at as follow_created_at', `${theirs} as follow_user_id`])
              .where(mine, '=', id);
            return kyselySource(db, q, { dialect });
          },
          toItem: (r) => userItem(r, fields),
        });
      },
    );
  }

  route(
    '/2/tweets/search/recent',
    'searchRecent',
    searchRecent,
    'Recent search (last 7 days), newest first',
    Type.Object({
      query: Type.String({
        description:
          'Search query, up to 512 characters: keywords, "phrases", from:, -negation, OR, ( ).',
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
    undefined,
    async (req, principal, query) => {
      const now = ctx.now();
      const floor = now - X_RECENT_SEARCH_DAYS * DAY;
      let options = NO_TWEET_OPTIONS;
      const res = await servePage({
        request: req,
        style: x,
        endpoint: searchRecent,
        list: lists.searchRecent,
        listKey: 'GET /2/tweets/search/recent',
        principal,
        window: windowOf(query, floor),
        source: async () => {
          const values = queryValues(query, 'query');
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
          let node: ReturnType<typeof parseSearchQuery>;
          try {
            node = parseSearchQuery(text);
          } catch (err) {
            if (err instanceof SearchQueryError) badParam('query', [text], err.message);
            throw err;
          }
          options = tweetOptions(query);
          const names = [...fromUsernames(node)];
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
            // The 7-day reach moves with the clock; it is part of the base query, not of the token.
            .where('t.created_at', '>=', floor)
            .where(searchPredicate(node, authors));
          return kyselySource(db, q, { dialect });
        },
        toItem: (r) => tweetItem(r, options.fields),
      });
      return withPostIncludes(db, res, options.expansions, {
        tweet: options.requested,
        user: options.userFields,
      });
    },
  );
}

/** `tweet.fields`, `expansions` and `user.fields` of a post list; an expansion implies the field it expands (`author_id`, `in_reply_to_user_id`, `referenced_tweets`). */
function tweetOptions(query: RawQuery): TweetOptions {
  const requested = listParam(query, 'tweet.fields', X_TWEET_FIELDS);
  const expansionNames = listParam(query, 'expansions', X_TWEET_EXPANSIONS);
  const userFields = listParam(query, 'user.fields', X_USER_FIELDS);
  // An expansion also puts the field it expands into each post, as X does.
  const fields = new Set([...requested, ...fieldsForExpansions(expansionNames)]);
  return { fields, requested, expansions: postExpansions(expansionNames), userFields };
}

/** What a post list's field and expansion parameters ask for. */
interface TweetOptions {
  /** Fields written on each post of `data`: the requested ones plus those expansions need. */
  readonly fields: ReadonlySet<string>;
  /** `tweet.fields` as requested (used for posts in `includes.tweets`). */
  readonly requested: ReadonlySet<string>;
  readonly expansions: PostExpansions;
  readonly userFields: ReadonlySet<string>;
}

const NO_TWEET_OPTIONS: TweetOptions = {
  fields: new Set(),
  requested: new Set(),
  expansions: postExpansions(new Set()),
  userFields: new Set(),
};

function ok(body: unknown): StyleResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}
