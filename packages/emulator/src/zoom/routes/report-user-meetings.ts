import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission, principalOf } from '../../http/emulator-admission.js';
import { zoomReportMeetingItem } from '../zoom-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { findZoomUser, zoomDateRange } from '../zoom-params.js';
import { dates, paging, str, userIdParam, zoomRouteSchema } from './zoom-route-schema.js';

/** `GET /v2/report/users/:userId/meetings`: a user's past meetings between two dates. */
export function reportUserMeetingsRoute(ctx: EmulatorContext, lists: ZoomLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const endpoint = zoomEndpoints.reportUserMeetings;
  return fastifyPageRoute({
    url: '/v2/report/users/:userId/meetings',
    style: zoom,
    endpoint,
    list: lists.reportMeetings,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema(
      "Report: a user's past meetings",
      {
        ...paging,
        ...dates,
        type: str('past (default), pastOne or pastJoined; accepted.', {
          enum: ['past', 'pastOne', 'pastJoined'],
        }),
      },
      userIdParam,
    ),
    parse: (request, query) => ({
      userId: (request.params as { userId: string }).userId,
      principal: principalOf(request),
      dates: zoomDateRange(query),
    }),
    window: ({ params }) => params.dates.window,
    range: ({ params }) => params.dates.range,
    source: async ({ params }) => {
      const user = await findZoomUser(db, params.userId, params.principal);
      const q = db
        .selectFrom('zoom_meetings as m')
        .innerJoin('zoom_users as u', 'u.id', 'm.host_id')
        .selectAll('m')
        .select(['u.first_name', 'u.last_name', 'u.email'])
        .where('m.host_id', '=', String(user['id']))
        .where('m.end_time', '<=', ctx.now());
      return kyselySource(db, q, { dialect });
    },
    toItem: (row) => zoomReportMeetingItem(row),
  });
}
