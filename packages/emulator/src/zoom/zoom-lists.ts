import { definePaginatedList, type PageTokenCodec, type PaginatedList } from 'pagewise/engine';
import { type PageSizeLimits, zoomEndpoints } from 'pagewise/styles';

/** Rows as the Zoom list queries select them. */
export type ZoomRow = Record<string, unknown>;

/** Deepest OFFSET the legacy `page_number` may reach (then: use next_page_token). */
export const ZOOM_MAX_PAGE_NUMBER_OFFSET = 100_000;

/** The engine lists behind the Zoom endpoints, defined once per emulator. */
export interface ZoomLists {
  readonly users: PaginatedList<ZoomRow>;
  readonly userMeetings: PaginatedList<ZoomRow>;
  readonly reportMeetings: PaginatedList<ZoomRow>;
  readonly dashboardMeetings: PaginatedList<ZoomRow>;
  readonly pastParticipants: PaginatedList<ZoomRow>;
  readonly reportParticipants: PaginatedList<ZoomRow>;
  /** Dashboard: a meeting's participants (`zoom_participants`, session order). */
  readonly dashboardMeetingParticipants: PaginatedList<ZoomRow>;
  /** Dashboard: the account's webinars in start-time order (index `zoom_webinars_start`). */
  readonly dashboardWebinars: PaginatedList<ZoomRow>;
  /** Dashboard: a webinar's participants in join order (index `zoom_webinar_participants_webinar`). */
  readonly dashboardWebinarParticipants: PaginatedList<ZoomRow>;
}

/**
 * Zoom's `total_records` comes from a COUNT cached per caller, query and
 * window for a few seconds: a walk's pages share one count instead of
 * recounting the whole window on every page (the count cost more than the
 * page itself). Rows added or removed meanwhile show in the total once the
 * entry expires; the pages themselves are always fresh.
 */
export const ZOOM_TOTALS_TTL_MS = 10_000;

const totals = { mode: 'cached', ttlMs: ZOOM_TOTALS_TTL_MS } as const;

/** A list's page sizes: those of its endpoint (`zoomEndpoints`), clamped above the maximum. */
const sizeOf = (limits: PageSizeLimits) =>
  ({ default: limits.default, min: limits.min, max: limits.max, oversize: 'clamp' }) as const;
const pageSize = sizeOf(zoomEndpoints.userMeetings.pageSize);

/** Meetings in start-time order (index `zoom_meetings_host_start` / `zoom_meetings_start`), windowed by `from`/`to`. */
function meetingList(
  name: string,
  codec: PageTokenCodec,
  pageNumbers: boolean,
): PaginatedList<ZoomRow> {
  return definePaginatedList<ZoomRow>({
    name,
    codec,
    sort: [
      { column: 'm.start_time', kind: 'number', nullable: false },
      { column: 'm.id', kind: 'number', unique: true },
    ],
    pageSize,
    windows: {
      from: { column: 'm.start_time', op: '>=', kind: 'number' },
      to: { column: 'm.start_time', op: '<', kind: 'number' },
    },
    totals,
    ...(pageNumbers ? { pageNumbers: { maxOffset: ZOOM_MAX_PAGE_NUMBER_OFFSET } } : {}),
  });
}

/** Defines the Zoom lists on `codec`. */
export function zoomLists(codec: PageTokenCodec): ZoomLists {
  const participants = (name: string) =>
    definePaginatedList<ZoomRow>({
      name,
      codec,
      sort: [{ column: 'p.id', kind: 'number', unique: true }],
      pageSize,
      totals,
    });
  return Object.freeze({
    users: definePaginatedList<ZoomRow>({
      name: 'zoom.users',
      codec,
      sort: [{ column: 'u.seq', kind: 'number', unique: true }],
      // Up to 2000 per page, as Zoom's current Users document allows.
      pageSize: sizeOf(zoomEndpoints.users.pageSize),
      totals,
      pageNumbers: { maxOffset: ZOOM_MAX_PAGE_NUMBER_OFFSET },
    }),
    userMeetings: meetingList('zoom.user_meetings', codec, true),
    reportMeetings: meetingList('zoom.report_meetings', codec, false),
    dashboardMeetings: meetingList('zoom.dashboard_meetings', codec, false),
    pastParticipants: participants('zoom.past_participants'),
    reportParticipants: participants('zoom.report_participants'),
    dashboardMeetingParticipants: participants('zoom.dashboard_meeting_participants'),
    dashboardWebinars: definePaginatedList<ZoomRow>({
      name: 'zoom.dashboard_webinars',
      codec,
      sort: [
        { column: 'w.start_time', kind: 'number', nullable: false },
        { column: 'w.id', kind: 'number', unique: true },
      ],
      pageSize,
      windows: {
        from: { column: 'w.start_time', op: '>=', kind: 'number' },
        to: { column: 'w.start_time', op: '<', kind: 'number' },
      },
      totals,
    }),
    dashboardWebinarParticipants: participants('zoom.dashboard_webinar_participants'),
  });
}
