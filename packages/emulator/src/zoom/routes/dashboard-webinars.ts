import type { RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { singleValue, zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { zoomDashboardWebinarItem } from '../zoom-dashboard-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { stringParam, zoomDateRange } from '../zoom-params.js';
import { dates, paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/** `GET /v2/metrics/webinars` (Dashboard, "List webinars"): live or past webinars between two dates. */
export function dashboardWebinarsRoute(ctx: EmulatorContext, lists: ZoomLists): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const endpoint = zoomEndpoints.dashboardWebinars;
  return fastifyPageRoute({
    url: '/v2/metrics/webinars',
    style: zoom,
    endpoint,
    list: lists.dashboardWebinars,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema('Dashboard: webinars', {
      ...paging,
      ...dates,
      type: str('live (default) or past.', { enum: ['live', 'past'] }),
      group_id: str('Only webinars whose host is a member of this group.'),
    }),
    parse: (_request, query) => ({
      live: stringParam(query, 'type', 'live') === 'live',
      dates: zoomDateRange(query),
      groupId: singleValue(query, 'group_id'),
      now: ctx.now(),
    }),
    window: ({ params }) => params.dates.window,
    range: ({ params }) => params.dates.range,
    source: ({ params }) => {
      const { live, now, groupId } = params;
      let q = db
        .selectFrom('zoom_webinars as w')
        .innerJoin('zoom_users as u', 'u.id', 'w.host_id')
        .select([
          'w.uuid',
          'w.id',
          'w.topic',
          'w.start_time',
          'w.end_time',
          'w.features',
          'w.audio_quality',
          'w.video_quality',
          'w.screen_share_quality',
          'w.custom_keys',
        ])
        .select(['u.first_name', 'u.last_name', 'u.email', 'u.dept', 'u.type as user_type'])
        .select(
          live
            ? // A live webinar counts the sessions begun so far.
              sql<number>`(select count(*) from zoom_webinar_participants p where p.webinar_id = w.id and p.join_time <= ${now})`.as(
                'participants',
              )
            : sql<number>`w.participants_count`.as('participants'),
        );
      if (live) q = q.where('w.start_time', '<=', now).where('w.end_time', '>', now);
      else q = q.where('w.end_time', '<=', now);
      if (groupId !== undefined) {
        // group_ids is a JSON array of strings: match one element exactly.
        q = q.where(
          sql`u.group_ids`,
          'like',
          sql`${`%${likeEscape(JSON.stringify(groupId))}%`} escape '\\'`,
        );
      }
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => zoomDashboardWebinarItem(row, params.live, params.now),
  });
}

/** Escapes LIKE's wildcards (and its escape character) in a literal. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
