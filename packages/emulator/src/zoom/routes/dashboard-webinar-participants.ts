import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { StyleProblemError, singleValue, zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findWebinar } from '../find-webinar.js';
import { zoomDashboardWebinarParticipantItem } from '../zoom-dashboard-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { stringParam } from '../zoom-params.js';
import { dashboardParticipantParams, paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/**
 * `GET /v2/metrics/webinars/:webinarId/participants` (Dashboard, "Get webinar
 * participants"): the sessions of one webinar in join order, by webinar id or
 * UUID. `type=past` needs a webinar that has ended (else Zoom's 404 3001);
 * `live` (the default) lists who has joined a webinar in progress, and nothing
 * for a webinar that is not.
 */
export function dashboardWebinarParticipantsRoute(
  ctx: EmulatorContext,
  lists: ZoomLists,
): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const endpoint = zoomEndpoints.dashboardWebinarParticipants;
  return fastifyPageRoute({
    url: '/v2/metrics/webinars/:webinarId/participants',
    style: zoom,
    endpoint,
    list: lists.dashboardWebinarParticipants,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema(
      'Dashboard: webinar participants',
      {
        ...paging,
        type: str('live (default) or past.', { enum: ['live', 'past'] }),
        ...dashboardParticipantParams,
      },
      Type.Object({
        webinarId: Type.String({
          description:
            'Webinar id (its latest instance) or UUID (double-encode one that starts with / or contains //).',
        }),
      }),
    ),
    parse: async (request, query) => {
      const raw = (request.params as { webinarId: string }).webinarId;
      const live = stringParam(query, 'type', 'live') === 'live';
      const now = ctx.now();
      const webinar = await findWebinar(db, raw);
      const start = Number(webinar.start_time);
      const end = Number(webinar.end_time);
      if (!live && end > now) {
        throw new StyleProblemError({ kind: 'not_found', resource: 'webinar', id: raw });
      }
      return {
        webinarId: BigInt(webinar.id),
        live,
        inProgress: start <= now && now < end,
        now,
        registrantId: singleValue(query, 'include_fields') === 'registrant_id',
        seed: ctx.options.seed,
      };
    },
    source: ({ params }) => {
      let q = db
        .selectFrom('zoom_webinar_participants as p')
        .selectAll('p')
        .where('p.webinar_id', '=', params.webinarId);
      if (params.live) {
        q = params.inProgress ? q.where('p.join_time', '<=', params.now) : q.where('p.id', '<', 0);
      }
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => zoomDashboardWebinarParticipantItem(row, params),
  });
}
