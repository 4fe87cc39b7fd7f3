import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { kyselySource } from 'pagewise/kysely';
import { StyleProblemError, type ZoomEndpoint, zoom, zoomEndpoints } from 'pagewise/styles';
import type { Principal } from '../auth/principal.js';
import type { EmulatorContext } from '../emulator-context.js';
import { zoomRules } from '../http/api-rate-limiter.js';
import { registerApiRoute } from '../http/api-route.js';
import { badParam, type RawQuery, servePage } from '../http/serve-page.js';
import { formatDay, parseDay } from '../http/wire-format.js';
import {
  zoomDashboardMeetingItem,
  zoomMeetingItem,
  zoomPastParticipantItem,
  zoomReportMeetingItem,
  zoomReportParticipantItem,
  zoomUserItem,
} from './zoom-items.js';
import { type ZoomRow, zoomLists } from './zoom-lists.js';

const DAY = 86_400_000;
const str = (description: string, extra: Record<string, unknown> = {}) =>
  Type.Optional(Type.String({ description, ...extra }));
const paging = {
  page_size: str('Items per page, 1-300 (default 30; larger values are clamped to 300).'),
  next_page_token: str(
    'Token of the next page, from the previous response (empty or absent on the first call).',
  ),
};
const legacy = {
  page_number: str('Legacy page number (1-based); being phased out in favour of next_page_token.'),
};
const dates = {
  from: Type.String({ description: 'Start date, yyyy-mm-dd (UTC).' }),
  to: Type.String({ description: 'End date, yyyy-mm-dd (UTC, inclusive).' }),
};
/** A querystring schema: optional properties are `Type.Optional`, the others (from/to) required. */
const obj = (props: Record<string, TSchema>) => Type.Object(props);

/** Meeting `type` values of List meetings (current docs; see WIRE.md §1.1 CONFLICT). */
export const ZOOM_MEETING_LIST_TYPES = [
  'scheduled',
  'live',
  'upcoming',
  'upcoming_meetings',
  'previous_meetings',
] as const;

/** Registers the Zoom endpoints under `/v2`. */
export function registerZoomRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const lists = zoomLists(ctx.codec);
  const db = ctx.handle.db;
  const dialect = ctx.handle.kind;
  const route = (
    url: string,
    endpoint: ZoomEndpoint,
    summary: string,
    querystring: TSchema,
    params: TSchema | undefined,
    handler: (
      req: FastifyRequest,
      principal: Principal,
      query: RawQuery,
    ) => Promise<import('pagewise/styles').StyleResponse>,
  ) =>
    registerApiRoute(app, ctx, {
      url,
      style: zoom,
      endpoint,
      rules: zoomRules(endpoint.category),
      schema: {
        summary,
        tags: ['Zoom'],
        security: [{ bearerAuth: [] }],
        querystring,
        ...(params ? { params } : {}),
      },
      handler: (req, principal) => handler(req, principal, req.query as RawQuery),
    });

  /** Resolves `me`, a user id or an email to a user row; 404 `User not exist` otherwise. */
  async function findUser(userId: string, principal: Principal): Promise<ZoomRow> {
    const id = userId === 'me' ? principal.zoomUserId : userId;
    const row = await db
      .selectFrom('zoom_users')
      .selectAll()
      .where((eb) => (id.includes('@') ? eb('email', '=', id.toLowerCase()) : eb('id', '=', id)))
      .executeTakeFirst();
    if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: userId });
    return row as unknown as ZoomRow;
  }

  /** Reads the required `from`/`to` pair: a window on start_time plus the echo. */
  function dateRange(query: RawQuery): {
    window: { from: number; to: number };
    range: { from: string; to: string };
  } {
    const from = parseDay(String(query['from']));
    if (from === undefined) badParam('from', query['from']);
    const to = parseDay(String(query['to']));
    if (to === undefined) badParam('to', query['to']);
    if (from > to) badParam('from', query['from'], "'from' must be on or before 'to'.");
    return { window: { from, to: to + DAY }, range: { from: formatDay(from), to: formatDay(to) } };
  }

  /** Resolves a meeting by numeric id or UUID (double-encoded UUIDs are decoded once more). */
  async function findMeeting(raw: string): Promise<ZoomRow> {
    let key = raw;
    if (key.includes('%')) {
      try {
        key = decodeURIComponent(key);
      } catch {
        // not encoded twice after all: keep as is
      }
    }
    const row = await db
      .selectFrom('zoom_meetings')
      .selectAll()
      .where((eb) => (/^\d{1,15}$/.test(key) ? eb('id', '=', Number(key)) : eb('uuid', '=', key)))
      .orderBy('start_time', 'desc')
      .executeTakeFirst();
    if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'meeting', id: raw });
    return row as unknown as ZoomRow;
  }

  route(
    '/v2/users',
    zoomEndpoints.users,
    'List users',
    obj({
      ...paging,
      ...legacy,
      status: str('active (default), inactive or pending.', {
        enum: ['active', 'inactive', 'pending'],
      }),
      role_id: str('Only users with this role.'),
      include_fields: str('Accepted and ignored.'),
    }),
    undefined,
    async (req, principal, query) => {
      const status = typeof query['status'] === 'string' ? query['status'] : 'active';
      const roleId = query['role_id'];
      return servePage({
        request: req,
        style: zoom,
        endpoint: zoomEndpoints.users,
        list: lists.users,
        listKey: 'GET /v2/users',
        principal,
        source: () => {
          let q = db.selectFrom('zoom_users as u').selectAll('u').where('u.status', '=', status);
          if (typeof roleId === 'string') q = q.where('u.role_id', '=', roleId);
          return kyselySource(db, q, { dialect });
        },
        toItem: zoomUserItem,
      });
    },
  );

  route(
    '/v2/users/:userId/meetings',
    zoomEndpoints.userMeetings,
    "List a user's meetings",
    obj({
      ...paging,
      ...legacy,
      type: str('scheduled (default), live, upcoming, upcoming_meetings or previous_meetings.', {
        enum: [...ZOOM_MEETING_LIST_TYPES],
      }),
      from: str('Only meetings starting on or after this date (yyyy-mm-dd).'),
      to: str('Only meetings starting on or before this date (yyyy-mm-dd).'),
      timezone: str('Accepted; dates are read as UTC.'),
    }),
    Type.Object({ userId: Type.String({ description: 'User id, email, or `me`.' }) }),
    async (req, principal, query) => {
      const { userId } = req.params as { userId: string };
      const type = typeof query['type'] === 'string' ? query['type'] : 'scheduled';
      const window: Record<string, number> = {};
      const from = query['from'];
      const to = query['to'];
      if (from !== undefined) window['from'] = parseDay(String(from)) ?? badParam('from', from);
      if (to !== undefined) window['to'] = (parseDay(String(to)) ?? badParam('to', to)) + DAY;
      return servePage({
        request: req,
        style: zoom,
        endpoint: zoomEndpoints.userMeetings,
        list: lists.userMeetings,
        listKey: `GET /v2/users/${userId}/meetings`,
        principal,
        window,
        source: async () => {
          const user = await findUser(userId, principal);
          const now = ctx.now();
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
        toItem: zoomMeetingItem,
      });
    },
  );

  route(
    '/v2/report/users/:userId/meetings',
    zoomEndpoints.reportUserMeetings,
    "Report: a user's past meetings",
    obj({
      ...paging,
      ...dates,
      type: str('past (default), pastOne or pastJoined; accepted.', {
        enum: ['past', 'pastOne', 'pastJoined'],
      }),
    }),
    Type.Object({ userId: Type.String({ description: 'User id, email, or `me`.' }) }),
    async (req, principal, query) => {
      const { userId } = req.params as { userId: string };
      const { window, range } = dateRange(query);
      return servePage({
        request: req,
        style: zoom,
        endpoint: zoomEndpoints.reportUserMeetings,
        list: lists.reportMeetings,
        listKey: `GET /v2/report/users/${userId}/meetings`,
        principal,
        window,
        range,
        source: async () => {
          const user = await findUser(userId, principal);
          const q = db
            .selectFrom('zoom_meetings as m')
            .innerJoin('zoom_users as u', 'u.id', 'm.host_id')
            .selectAll('m')
            .select(['u.first_name', 'u.last_name', 'u.email'])
            .where('m.host_id', '=', String(user['id']))
            .where('m.end_time', '<=', ctx.now());
          return kyselySource(db, q, { dialect });
        },
        toItem: zoomReportMeetingItem,
      });
    },
  );

  route(
    '/v2/metrics/meetings',
    zoomEndpoints.dashboardMeetings,
    'Dashboard: meetings',
    obj({
      ...paging,
      ...dates,
      type: str('live (default), past or pastOne.', { enum: ['live', 'past', 'pastOne'] }),
    }),
    undefined,
    async (req, principal, query) => {
      const type = typeof query['type'] === 'string' ? query['type'] : 'live';
      const { window, range } = dateRange(query);
      const now = ctx.now();
      return servePage({
        request: req,
        style: zoom,
        endpoint: zoomEndpoints.dashboardMeetings,
        list: lists.dashboardMeetings,
        listKey: 'GET /v2/metrics/meetings',
        principal,
        window,
        range,
        source: () => {
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
          if (type === 'live') q = q.where('m.start_time', '<=', now).where('m.end_time', '>', now);
          else q = q.where('m.end_time', '<=', now);
          if (type === 'pastOne') q = q.where('m.participants_count', '=', 1);
          return kyselySource(db, q, { dialect });
        },
        toItem: (r) => zoomDashboardMeetingItem(r, type === 'live', now),
      });
    },
  );

  route(
    '/v2/past_meetings/:meetingUUID/participants',
    zoomEndpoints.pastMeetingParticipants,
    'List past meeting participants',
    obj(paging),
    Type.Object({
      meetingUUID: Type.String({
        description:
          'Meeting UUID (double-encode one that starts with / or contains //) or meeting id.',
      }),
    }),
    async (req, principal) => {
      const { meetingUUID } = req.params as { meetingUUID: string };
      return participants(req, meetingUUID, principal, 'past');
    },
  );

  route(
    '/v2/report/meetings/:meetingId/participants',
    zoomEndpoints.reportMeetingParticipants,
    'Report: meeting participants',
    obj({ ...paging, include_fields: str('Accepted and ignored.') }),
    Type.Object({ meetingId: Type.String({ description: 'Meeting id or UUID.' }) }),
    async (req, principal) => {
      const { meetingId } = req.params as { meetingId: string };
      return participants(req, meetingId, principal, 'report');
    },
  );

  function participants(
    req: FastifyRequest,
    key: string,
    principal: Principal,
    kind: 'past' | 'report',
  ) {
    const endpoint =
      kind === 'past'
        ? zoomEndpoints.pastMeetingParticipants
        : zoomEndpoints.reportMeetingParticipants;
    return servePage({
      request: req,
      style: zoom,
      endpoint,
      list: kind === 'past' ? lists.pastParticipants : lists.reportParticipants,
      listKey: `GET /v2/${kind}/meetings/${key}/participants`,
      principal,
      source: async () => {
        const meeting = await findMeeting(key);
        const q = db
          .selectFrom('zoom_participants as p')
          .selectAll('p')
          .where('p.meeting_id', '=', BigInt(meeting['id'] as bigint));
        return kyselySource(db, q, { dialect });
      },
      toItem: kind === 'past' ? zoomPastParticipantItem : zoomReportParticipantItem,
    });
  }
}
