import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { StyleProblemError, singleValue, zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { badParam } from '../../http/bad-param.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { zoomDashboardMeetingParticipantItem } from '../zoom-dashboard-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { findMeeting, optionalDateWindow, stringParam } from '../zoom-params.js';
import { dashboardParticipantParams, paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/**
 * `GET /v2/metrics/meetings/:meetingId/participants` (Dashboard, "List meeting
 * participants"): the sessions of one meeting, by meeting id (its latest
 * instance) or UUID. `type=past` (or `pastOne`) needs a meeting that has
 * ended (else Zoom's 404 3001); `live` (the default) lists who has joined a
 * meeting in progress, and nothing for a meeting that is not.
 */
export function dashboardMeetingParticipantsRoute(
  ctx: EmulatorContext,
  lists: ZoomLists,
): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const endpoint = zoomEndpoints.dashboardMeetingParticipants;
  return fastifyPageRoute({
    url: '/v2/metrics/meetings/:meetingId/participants',
    style: zoom,
    endpoint,
    list: lists.dashboardMeetingParticipants,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema(
      'Dashboard: meeting participants',
      {
        ...paging,
        type: str('live (default), past or pastOne.', { enum: ['live', 'past', 'pastOne'] }),
        ...dashboardParticipantParams,
        from: str('Optional: only a meeting that started on or after this date (yyyy-mm-dd).'),
        to: str('Optional: only a meeting that started on or before this date (yyyy-mm-dd).'),
      },
      Type.Object({
        meetingId: Type.String({
          description:
            'Meeting id (its latest instance) or UUID (double-encode one that starts with / or contains //).',
        }),
      }),
    ),
    parse: async (request, query) => {
      const raw = (request.params as { meetingId: string }).meetingId;
      const type = stringParam(query, 'type', 'live');
      const window = optionalDateWindow(query);
      const { from, to } = window;
      if (from !== undefined && to !== undefined && from >= to) {
        badParam('from', singleValue(query, 'from'), "'from' must be on or before 'to'.");
      }
      const now = ctx.now();
      const meeting = await findMeeting(db, raw, 'dashboard_meeting');
      const start = Number(meeting['start_time']);
      const end = Number(meeting['end_time']);
      const outOfRange = (from !== undefined && start < from) || (to !== undefined && start >= to);
      const live = type === 'live';
      // Past queries need an ended meeting: Zoom's 404 "Meeting ID is invalid or has not ended."
      if (outOfRange || (!live && end > now)) {
        throw new StyleProblemError({ kind: 'not_found', resource: 'dashboard_meeting', id: raw });
      }
      return {
        meetingId: BigInt(meeting['id'] as bigint),
        hostId: String(meeting['host_id']),
        live,
        inProgress: start <= now && now < end,
        now,
        registrantId: singleValue(query, 'include_fields') === 'registrant_id',
        seed: ctx.options.seed,
      };
    },
    source: ({ params }) => {
      let q = db
        .selectFrom('zoom_participants as p')
        .selectAll('p')
        .where('p.meeting_id', '=', params.meetingId);
      if (params.live) {
        // Only a meeting in progress has live participants: those who have joined by now.
        q = params.inProgress ? q.where('p.join_time', '<=', params.now) : q.where('p.id', '<', 0);
      }
      return kyselySource(db, q, { dialect });
    },
    toItem: (row, params) => zoomDashboardMeetingParticipantItem(row, params.hostId, params),
  });
}
