import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { badParam } from '../../http/bad-param.js';
import { emulatorAdmission, principalOf } from '../../http/emulator-admission.js';
import { findXUser } from '../find-x-user.js';
import { homeTimelineSource } from '../home-timeline-source.js';
import { type PostItem, postIncludes } from '../post-includes.js';
import {
  fieldParams,
  homeTimeline,
  str,
  windowParams,
  X_HOME_TIMELINE_DAYS,
} from '../x-endpoints.js';
import { listParam, tweetItem } from '../x-fields.js';
import type { XLists } from '../x-lists.js';
import { pathUserId, tweetOptions, xWindow } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

const DAY = 86_400_000;

/**
 * `GET /2/users/:id/timelines/reverse_chronological`: the home timeline,
 * the posts of the authenticated user and of the accounts they follow,
 * newest first: every post of the last 7 days and the newest 800 however
 * old. User tokens only (an app token gets X's 403), and `:id` must be the
 * token's own user.
 */
export function homeTimelineRoute(ctx: EmulatorContext, lists: XLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  return fastifyPageRoute({
    url: '/2/users/:id/timelines/reverse_chronological',
    style: x,
    endpoint: homeTimeline,
    list: lists.homeTimeline,
    ...emulatorAdmission(ctx, x, homeTimeline, { tokens: 'user' }),
    schema: xRouteSchema(
      'The home timeline of the authenticated user, newest first (user tokens only)',
      Type.Object({
        max_results: str('1-100, default 100.'),
        pagination_token: str('meta.next_token (or meta.previous_token) of a previous page.'),
        exclude: str('Comma-separated: replies, retweets.'),
        ...windowParams,
        ...fieldParams,
      }),
      Type.Object({
        id: Type.String({ description: "The authenticated user's id (decimal string)." }),
      }),
    ),
    parse: (request, query) => {
      const window = xWindow(query);
      const raw = (request.params as { id: string }).id;
      const id = pathUserId(raw);
      const me = principalOf(request).xUserId;
      if (id !== me) {
        badParam(
          'id',
          [raw],
          `The \`id\` query parameter value [${raw}] must be the same as the authenticating user [${me}]`,
        );
      }
      return {
        raw,
        id,
        window,
        options: tweetOptions(query),
        exclude: listParam(query, 'exclude', ['replies', 'retweets']),
        // The 7-day reach moves with the clock: part of the base query, not of the token.
        floorMs: ctx.now() - X_HOME_TIMELINE_DAYS * DAY,
      };
    },
    window: ({ params }) => params.window,
    source: async ({ params }) => {
      await findXUser(db, params.id, params.raw);
      return homeTimelineSource(db, dialect, {
        userId: params.id,
        exclude: params.exclude,
        floorMs: params.floorMs,
      });
    },
    toItem: (row, params) => tweetItem(row, params.options.fields),
    includes: (items, { params }) =>
      postIncludes(db, items as readonly PostItem[], params.options.expansions, {
        tweet: params.options.requested,
        user: params.options.userFields,
      }),
  });
}
