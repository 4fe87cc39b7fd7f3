import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { zoom, zoomEndpoints } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { zoomDashboardMeetingItem } from '../zoom-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { stringParam, zoomDateRange } from '../zoom-params.js';
import { dates, paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/** `GET /v2/metrics/meetings` (Dashboard): live or past meetings of the account between two dates. */
export function dashboardMeetingsRoute(ctx: EmulatorContext, lists: ZoomLists): RouteOptions {
  const db = ctx.handle.db;
  const prepared = new PreparedSources(db, ctx.handle.kind);
  const endpoint = zoomEndpoints.dashboardMeetings;
  return fastifyPageRoute({
    url: '/v2/metrics/meetings',
    style: zoom,
    endpoint,
    list: lists.dashboardMeetings,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema('Dashboard: meetings', {
      ...paging,
      ...dates,
      type: str('live (default), past or pastOne.', { enum: ['live', 'past', 'pastOne'] }),
    }),
    parse: (_request, query) => ({
      type: stringParam(query, 'type', 'live'),
      dates: zoomDateRange(query),
      now: ctx.now(),
    }),
    window: ({ params }) => params.dates.window,
    range: ({ params }) => params.dates.range,
    source: ({ params }) => {
      const { type, now } = params;
      // The type decides the SQL; the clock is a value.
      return prepared.source(
        type,
        (v: { now: number }) => {
          let q = db
            .selectFrom('zoom_meetings as m')
            .innerJoin('zoom_users as u', 'u.id', 'm.host_id')
            // Only what zoomDashboardMeetingItem reads (and the sort keys): a page is
            // 300 wide rows, and reading unused columns was most of its cost.
            .select([
              'm.uuid',
              'm.id',
              'm.topic',
              'm.start_time',
              'm.end_time',
              'm.participants_count',
              'm.features',
            ])
            .select(['u.first_name', 'u.last_name', 'u.email', 'u.type as user_type']);
          if (type === 'live') {
            q = q.where('m.start_time', '<=', v.now).where('m.end_time', '>', v.now);
          } else q = q.where('m.end_time', '<=', v.now);
          if (type === 'pastOne') q = q.where('m.participants_count', '=', 1);
          return q;
        },
        { now },
      );
    },
    toItem: (row, params) => zoomDashboardMeetingItem(row, params.type === 'live', params.now),
  });
}
