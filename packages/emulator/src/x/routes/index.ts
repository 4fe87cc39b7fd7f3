import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../../emulator-context.js';
import { xAccessLevelHook } from '../x-access-level.js';
import { xLists } from '../x-lists.js';
import { homeTimelineRoute } from './home-timeline.js';
import { likedTweetsRoute } from './liked-tweets.js';
import { likingUsersRoute } from './liking-users.js';
import { quoteTweetsRoute } from './quote-tweets.js';
import { retweetedByRoute } from './retweeted-by.js';
import { searchAllRoute } from './search-all.js';
import { searchRecentRoute } from './search-recent.js';
import { userFollowsRoute } from './user-follows.js';
import { userMentionsRoute } from './user-mentions.js';
import { userTweetsRoute } from './user-tweets.js';
import { usersByIdRoute } from './users-by-id.js';
import { usersByIdsRoute } from './users-by-ids.js';
import { usersByUsernameRoute } from './users-by-username.js';
import { usersByUsernamesRoute } from './users-by-usernames.js';
import { usersMeRoute } from './users-me.js';

/**
 * Registers the X endpoints under `/2`, each on the library's Fastify
 * adapter, in one encapsulated context whose `onSend` hook puts
 * `x-access-level` on every X answer. Static paths win over parametric
 * ones in Fastify's router, so `/2/users/by` and `/2/users/me` never reach
 * `/2/users/:id`.
 */
export function registerXRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const lists = xLists(ctx.codec);
  app.register(async (xApp) => {
    xApp.addHook('onSend', xAccessLevelHook);
    xApp.route(usersMeRoute(ctx));
    xApp.route(usersByUsernamesRoute(ctx));
    xApp.route(usersByUsernameRoute(ctx));
    xApp.route(usersByIdsRoute(ctx));
    xApp.route(usersByIdRoute(ctx));
    xApp.route(userTweetsRoute(ctx, lists));
    xApp.route(homeTimelineRoute(ctx, lists));
    xApp.route(userFollowsRoute(ctx, lists, 'followers'));
    xApp.route(userFollowsRoute(ctx, lists, 'following'));
    xApp.route(searchRecentRoute(ctx, lists));
    xApp.route(searchAllRoute(ctx, lists));
    xApp.route(userMentionsRoute(ctx, lists));
    xApp.route(likedTweetsRoute(ctx, lists));
    xApp.route(likingUsersRoute(ctx, lists));
    xApp.route(retweetedByRoute(ctx, lists));
    xApp.route(quoteTweetsRoute(ctx, lists));
  });
}
