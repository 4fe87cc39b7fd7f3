import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { kyselySource } from 'pagewise/kysely';
import { zoom, zoomEndpoints } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { zoomPastParticipantItem, zoomReportParticipantItem } from '../zoom-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { findMeeting } from '../zoom-params.js';
import { paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/**
 * `GET /v2/past_meetings/:meetingUUID/participants` and
 * `GET /v2/report/meetings/:meetingId/participants`: who joined a past
 * meeting (the report adds times and emails).
 */
export function meetingParticipantsRoute(
  ctx: EmulatorContext,
  lists: ZoomLists,
  kind: 'past' | 'report',
): RouteOptions {
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const past = kind === 'past';
  const endpoint = past
    ? zoomEndpoints.pastMeetingParticipants
    : zoomEndpoints.reportMeetingParticipants;
  const param = past ? 'meetingUUID' : 'meetingId';
  return fastifyPageRoute({
    url: past
      ? '/v2/past_meetings/:meetingUUID/participants'
      : '/v2/report/meetings/:meetingId/participants',
    style: zoom,
    endpoint,
    list: past ? lists.pastParticipants : lists.reportParticipants,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema(
      past ? 'List past meeting participants' : 'Report: meeting participants',
      past ? paging : { ...paging, include_fields: str('Accepted and ignored.') },
      Type.Object({
        [param]: Type.String({
          description: past
            ? 'Meeting UUID (double-encode one that starts with / or contains //) or meeting id.'
            : 'Meeting id or UUID.',
        }),
      }),
    ),
    parse: (request) => ({ meeting: (request.params as Record<string, string>)[param] ?? '' }),
    source: async ({ params }) => {
      const meeting = await findMeeting(db, params.meeting);
      const q = db
        .selectFrom('zoom_participants as p')
        .selectAll('p')
        .where('p.meeting_id', '=', BigInt(meeting['id'] as bigint));
      return kyselySource(db, q, { dialect });
    },
    toItem: past ? (row) => zoomPastParticipantItem(row) : (row) => zoomReportParticipantItem(row),
  });
}
