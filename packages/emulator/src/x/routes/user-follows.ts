import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { x } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { xUserExists } from '../find-x-user.js';
import { userColumns } from '../user-columns.js';
import { type UserItem, userIncludes, userOptions } from '../user-includes.js';
import { fieldParams, followers, following, idParam, str } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/users/:id/followers` and `/following`: users following a user, or
 * followed by them, newest follow first.
 */
export function userFollowsRoute(
  ctx: EmulatorContext,
  lists: XLists,
  direction: 'followers' | 'following',
): RouteOptions {
  const db = ctx.handle.db;
  // Only whether the user exists matters here (X's 404).
  const userExists = xUserExists(db);
  const prepared = new PreparedSources(db, ctx.handle.kind);
  const endpoint = direction === 'followers' ? followers : following;
  const [mine, theirs] =
    direction === 'followers'
      ? (['f.followee_id', 'f.follower_id'] as const)
      : (['f.follower_id', 'f.followee_id'] as const);
  return fastifyPageRoute({
    url: `/2/users/:id/${direction}`,
    style: x,
    endpoint,
    list: direction === 'followers' ? lists.followers : lists.following,
    ...emulatorAdmission(ctx, x, endpoint),
    schema: xRouteSchema(
      direction === 'followers'
        ? 'Users following a user, newest follow first'
        : 'Users a user follows, newest follow first',
      Type.Object({
        max_results: str('1-1000, default 100.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        'user.fields': fieldParams['user.fields'],
        expansions: fieldParams.expansions,
        'tweet.fields': fieldParams['tweet.fields'],
      }),
      idParam,
    ),
    parse: (request, query) => {
      const raw = (request.params as { id: string }).id;
      return { raw, id: pathUserId(raw), options: userOptions(query) };
    },
    source: async ({ params }) => {
      await userExists(params.id, params.raw);
      const columns = userColumns(params.options.fields);
      // One shape per column set; the user id is the only value.
      return prepared.source(
        columns.join(),
        (v: { id: bigint }) =>
          db
            .selectFrom('x_follows as f')
            .innerJoin('x_users as u', 'u.id', theirs)
            .select(columns)
            .select(['f.created_at as follow_created_at', `${theirs} as follow_user_id`])
            .where(mine, '=', v.id),
        { id: params.id },
      );
    },
    toItem: (row, params) => userItem(row, params.options.fields),
    includes: (items, { params }) => userIncludes(db, items as readonly UserItem[], params.options),
  });
}
