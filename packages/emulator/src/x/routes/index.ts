import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../../emulator-context.js';
import { xLists } from '../x-lists.js';
import { likedTweetsRoute } from './liked-tweets.js';
import { likingUsersRoute } from './liking-users.js';
import { quoteTweetsRoute } from './quote-tweets.js';
import { retweetedByRoute } from './retweeted-by.js';
import { searchRecentRoute } from './search-recent.js';
import { userFollowsRoute } from './user-follows.js';
import { userMentionsRoute } from './user-mentions.js';
import { userTweetsRoute } from './user-tweets.js';
import { usersByIdRoute } from './users-by-id.js';
import { usersMeRoute } from './users-me.js';

/** Registers the X endpoints under `/2`, each on the library's Fastify adapter. */
export function registerXRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const lists = xLists(ctx.codec);
  app.route(usersMeRoute(ctx));
  app.route(usersByIdRoute(ctx));
  app.route(userTweetsRoute(ctx, lists));
  app.route(userFollowsRoute(ctx, lists, 'followers'));
  app.route(userFollowsRoute(ctx, lists, 'following'));
  app.route(searchRecentRoute(ctx, lists));
  app.route(userMentionsRoute(ctx, lists));
  app.route(likedTweetsRoute(ctx, lists));
  app.route(likingUsersRoute(ctx, lists));
  app.route(retweetedByRoute(ctx, lists));
  app.route(quoteTweetsRoute(ctx, lists));
}
