import type { PageSizeLimits, StyleEndpoint } from '../types.js';

/** Zoom's rate-limit request categories ("Rate Limit Label"), as sent in `X-RateLimit-Category`. */
export type ZoomCategory = 'Light' | 'Medium' | 'Heavy' | 'Resource-intensive';

/** One Zoom list endpoint. */
export interface ZoomEndpoint extends StyleEndpoint {
  /** Key of the item array in the envelope: `users`, `meetings`, `participants`. */
  readonly itemsKey: string;
  /** True when the endpoint still takes the legacy `page_number` (WIRE.md §1.1). */
  readonly legacyPageNumber: boolean;
  /** True for report and dashboard endpoints, whose envelope echoes `from` and `to`. */
  readonly dateRange: boolean;
  /** Rate-limit category of the endpoint. */
  readonly category: ZoomCategory;
}

/**
 * What Zoom does with `page_size` above 300: UNCONFIRMED (WIRE.md §1.4, no
 * source). We clamp to the maximum, as the 2018 spec's `maximum: 300` and
 * most Zoom SDK users expect; change here to `reject` for a 400.
 */
export const ZOOM_OVERSIZED_PAGE_SIZE: PageSizeLimits['oversized'] = 'clamp';

/** Zoom page sizes: default 30, maximum 300 (2018 spec; every list but `GET /users`). */
export const ZOOM_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 1,
  max: 300,
  default: 30,
  oversized: ZOOM_OVERSIZED_PAGE_SIZE,
});

/**
 * `GET /users` page sizes: default 30, maximum 2000. Zoom's current Users
 * document (api-hub, 2026) allows `page_size` up to 2000 for this endpoint;
 * the 2018 spec (WIRE.md) said 300. The newer vendor document wins
 * (docs/decisions.md, "Zoom `GET /users` page size").
 */
export const ZOOM_USERS_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  ...ZOOM_PAGE_SIZE,
  max: 2000,
});

/**
 * Category of `GET /users/{userId}/meetings`: UNCONFIRMED (WIRE.md §1.5).
 * Zoom's docs label most meeting reads Light.
 */
export const ZOOM_LIST_MEETINGS_CATEGORY: ZoomCategory = 'Light';

/** Name of the token query parameter and envelope key. */
export const ZOOM_TOKEN_PARAM = 'next_page_token';
/** Name of the legacy page-number parameter. */
export const ZOOM_PAGE_NUMBER_PARAM = 'page_number';

/**
 * A Zoom endpoint description, with defaults for what is not given.
 * @example
 * ```ts
 * const recordings = zoomEndpoint({ itemsKey: 'recordings', category: 'Light' });
 * ```
 */
export function zoomEndpoint(options: {
  itemsKey: string;
  /** @default false */
  legacyPageNumber?: boolean;
  /** @default false */
  dateRange?: boolean;
  /** @default 'Light' */
  category?: ZoomCategory;
  /** @default ZOOM_PAGE_SIZE */
  pageSize?: PageSizeLimits;
}): ZoomEndpoint {
  return Object.freeze({
    itemsKey: options.itemsKey,
    legacyPageNumber: options.legacyPageNumber ?? false,
    dateRange: options.dateRange ?? false,
    category: options.category ?? 'Light',
    pageSize: options.pageSize ?? ZOOM_PAGE_SIZE,
  });
}

/**
 * The Zoom list endpoints of WIRE.md §1.1, and the Dashboard lists Zoom's
 * pagination page names (meeting and webinar participants) with List webinars;
 * limits and rate-limit labels of the last three from Zoom's Meeting API document.
 */
export const zoomEndpoints = /* @__PURE__ */ Object.freeze({
  /** `GET /users` (Medium; `page_size` up to 2000, {@link ZOOM_USERS_PAGE_SIZE}). */
  users: zoomEndpoint({
    itemsKey: 'users',
    legacyPageNumber: true,
    category: 'Medium',
    pageSize: ZOOM_USERS_PAGE_SIZE,
  }),
  /** `GET /users/{userId}/meetings`. */
  userMeetings: zoomEndpoint({
    itemsKey: 'meetings',
    legacyPageNumber: true,
    category: ZOOM_LIST_MEETINGS_CATEGORY,
  }),
  /** `GET /report/users/{userId}/meetings` (Heavy; `from`/`to` echoed). */
  reportUserMeetings: zoomEndpoint({ itemsKey: 'meetings', dateRange: true, category: 'Heavy' }),
  /** `GET /metrics/meetings`, Dashboard (Resource-intensive; `from`/`to` echoed). */
  dashboardMeetings: zoomEndpoint({
    itemsKey: 'meetings',
    dateRange: true,
    category: 'Resource-intensive',
  }),
  /** `GET /past_meetings/{meetingUUID}/participants` (Medium). */
  pastMeetingParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Medium' }),
  /** `GET /report/meetings/{meetingId}/participants` (Heavy). */
  reportMeetingParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Heavy' }),
  /**
   * `GET /metrics/meetings/{meetingId}/participants`, Dashboard "List meeting participants"
   * (Heavy; named by Zoom's pagination page; no `from`/`to` in its envelope).
   */
  dashboardMeetingParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Heavy' }),
  /** `GET /metrics/webinars`, Dashboard "List webinars" (Resource-intensive; `from`/`to` echoed). */
  dashboardWebinars: zoomEndpoint({
    itemsKey: 'webinars',
    dateRange: true,
    category: 'Resource-intensive',
  }),
  /**
   * `GET /metrics/webinars/{webinarId}/participants`, Dashboard "Get webinar participants"
   * (Heavy; named by Zoom's pagination page).
   */
  dashboardWebinarParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Heavy' }),
});
