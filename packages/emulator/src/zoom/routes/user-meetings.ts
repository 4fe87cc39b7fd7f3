import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission, principalOf } from '../../http/emulator-admission.js';
import { zoomMeetingItem } from '../zoom-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { findZoomUser, optionalDateWindow, stringParam } from '../zoom-params.js';
import { legacy, paging, str, userIdParam, zoomRouteSchema } from './zoom-route-schema.js';

/** Meeting `type` values of List meetings (current docs; see WIRE.md §1.1 CONFLICT). */
export const ZOOM_MEETING_LIST_TYPES = [
  'scheduled',
  'live',
  'upcoming',
  'upcoming_meetings',
  'previous_meetings',
] as const;

/** `GET /v2/users/:userId/meetings`: a user's meetings of one type. */
export function userMeetingsRoute(ctx: EmulatorContext, lists: ZoomLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const endpoint = zoomEndpoints.userMeetings;
  return fastifyPageRoute({
    url: '/v2/users/:userId/meetings',
    style: zoom,
    endpoint,
    list: lists.userMeetings,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema(
      "List a user's meetings",
      {
        ...paging,
        ...legacy,
        type: str('scheduled (default), live, upcoming, upcoming_meetings or previous_meetings.', {
          enum: [...ZOOM_MEETING_LIST_TYPES],
        }),
        from: str('Only meetings starting on or after this date (yyyy-mm-dd).'),
        to: str('Only meetings starting on or before this date (yyyy-mm-dd).'),
        timezone: str('Accepted; dates are read as UTC.'),
      },
      userIdParam,
    ),
    parse: (request, query) => ({
      userId: (request.params as { userId: string }).userId,
      principal: principalOf(request),
      type: stringParam(query, 'type', 'scheduled'),
      window: optionalDateWindow(query),
    }),
    window: ({ params }) => params.window,
    source: async ({ params }) => {
      const user = await findZoomUser(db, params.userId, params.principal);
      const now = ctx.now();
      const { type } = params;
      let q = db
        .selectFrom('zoom_meetings as m')
        .selectAll('m')
        .where('m.host_id', '=', String(user['id']));
      if (type === 'scheduled') q = q.where('m.type', 'in', [2, 3, 8]);
      else if (type === 'live')
        q = q.where('m.start_time', '<=', now).where('m.end_time', '>', now);
      else if (type === 'upcoming' || type === 'upcoming_meetings')
        q = q.where('m.start_time', '>=', now);
      else q = q.where('m.end_time', '<=', now);
      return kyselySource(db, q, { dialect });
    },
    toItem: (row) => zoomMeetingItem(row),
  });
}
