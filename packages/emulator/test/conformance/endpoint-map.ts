import type { ConformanceFixture } from './conformance-fixture.js';
import type { VendorDocumentName } from './vendor-specs.js';

/** Path parameters and query of one request (values as sent, not encoded). */
export interface Sample {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * One emulator endpoint and the vendor operation it imitates. Every route
 * of the emulator's `/openapi.json` needs one, or the suite fails; a
 * mapping whose route the emulator does not serve yet is skipped.
 */
export interface EndpointMapping {
  /** `METHOD path` as the emulator's `/openapi.json` writes it. */
  readonly emulator: string;
  /** The vendor document and `METHOD path` in it (X: 2.159; 2.167 is read at the same path). */
  readonly vendor: { readonly document: VendorDocumentName; readonly operation: string };
  /** A request with results (several pages at a small page size). */
  readonly sample: (f: ConformanceFixture) => Sample | Promise<Sample>;
  /** A request whose answer holds no items, when the endpoint can have one. */
  readonly empty?: (f: ConformanceFixture) => Sample | Promise<Sample>;
  /** A request for something that does not exist (Zoom 404, X partial error). */
  readonly notFound?: (f: ConformanceFixture) => Sample | Promise<Sample>;
  /** X endpoints that take user tokens only: requests carry the owner's user token. */
  readonly userToken?: true;
}

const zoomUsers = (operation: string) => ({ document: 'zoomUsers', operation }) as const;
const zoomMeetings = (operation: string) => ({ document: 'zoomMeetings', operation }) as const;
const x = (operation: string) => ({ document: 'x', operation }) as const;

/**
 * The mapping table. Adding an endpoint to the emulator = adding one line
 * here (its fixture values come from {@link ConformanceFixture}).
 */
export const ENDPOINT_MAP: readonly EndpointMapping[] = [
  // Zoom: GET /users against the current Users document, the rest against the Meeting API.
  {
    emulator: 'GET /v2/users',
    vendor: zoomUsers('GET /users'),
    sample: () => ({}),
    empty: () => ({ query: { role_id: 'no-such-role' } }),
  },
  {
    emulator: 'GET /v2/users/{userId}/meetings',
    vendor: zoomMeetings('GET /users/{userId}/meetings'),
    sample: (f) => ({ params: { userId: f.zoom.busyUserId } }),
    empty: (f) => ({ params: { userId: f.zoom.lonelyUserId } }),
    notFound: () => ({ params: { userId: 'no.such.user@example.com' } }),
  },
  {
    emulator: 'GET /v2/report/users/{userId}/meetings',
    vendor: zoomMeetings('GET /report/users/{userId}/meetings'),
    sample: (f) => ({ params: { userId: f.zoom.busyUserId }, query: f.zoom.range }),
    empty: (f) => ({ params: { userId: f.zoom.lonelyUserId }, query: f.zoom.range }),
    notFound: (f) => ({ params: { userId: 'NoSuchUser0000000000000' }, query: f.zoom.range }),
  },
  {
    emulator: 'GET /v2/metrics/meetings',
    vendor: zoomMeetings('GET /metrics/meetings'),
    sample: (f) => ({ query: { type: 'past', ...f.zoom.range } }),
    empty: (f) => ({ query: { type: 'past', ...f.zoom.emptyRange } }),
  },
  {
    emulator: 'GET /v2/past_meetings/{meetingUUID}/participants',
    vendor: zoomMeetings('GET /past_meetings/{meetingId}/participants'),
    sample: (f) => ({ params: { meetingUUID: f.zoom.meetingUuid } }),
    empty: (f) => ({ params: { meetingUUID: f.zoom.futureMeetingId } }),
    notFound: () => ({ params: { meetingUUID: '1' } }),
  },
  {
    emulator: 'GET /v2/report/meetings/{meetingId}/participants',
    vendor: zoomMeetings('GET /report/meetings/{meetingId}/participants'),
    sample: (f) => ({ params: { meetingId: f.zoom.meetingId } }),
    empty: (f) => ({ params: { meetingId: f.zoom.futureMeetingId } }),
    notFound: () => ({ params: { meetingId: '1' } }),
  },
  // Coming (#14): Dashboard webinars and the two Dashboard participant lists.
  {
    emulator: 'GET /v2/metrics/webinars',
    vendor: zoomMeetings('GET /metrics/webinars'),
    sample: (f) => ({ query: { type: 'past', ...f.zoom.range } }),
    empty: (f) => ({ query: { type: 'past', ...f.zoom.emptyRange } }),
  },
  {
    emulator: 'GET /v2/metrics/meetings/{meetingId}/participants',
    vendor: zoomMeetings('GET /metrics/meetings/{meetingId}/participants'),
    sample: (f) => ({ params: { meetingId: f.zoom.meetingId }, query: { type: 'past' } }),
    notFound: () => ({ params: { meetingId: '1' }, query: { type: 'past' } }),
  },
  {
    emulator: 'GET /v2/metrics/webinars/{webinarId}/participants',
    vendor: zoomMeetings('GET /metrics/webinars/{webinarId}/participants'),
    sample: async (f) => ({
      params: {
        webinarId: await f.firstId('/v2/metrics/webinars', 'webinars', 'id', {
          type: 'past',
          ...f.zoom.range,
        }),
      },
      query: { type: 'past' },
    }),
    notFound: () => ({ params: { webinarId: '1' }, query: { type: 'past' } }),
  },

  // X, against 2.159.
  { emulator: 'GET /2/users/me', vendor: x('GET /2/users/me'), sample: () => ({}) },
  {
    emulator: 'GET /2/users/{id}',
    vendor: x('GET /2/users/{id}'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/users/{id}/tweets',
    vendor: x('GET /2/users/{id}/tweets'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    empty: (f) => ({ params: { id: f.x.lonelyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/users/{id}/followers',
    vendor: x('GET /2/users/{id}/followers'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    empty: (f) => ({ params: { id: f.x.lonelyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/users/{id}/following',
    vendor: x('GET /2/users/{id}/following'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    empty: (f) => ({ params: { id: f.x.lonelyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/tweets/search/recent',
    vendor: x('GET /2/tweets/search/recent'),
    sample: () => ({ query: { query: 'api OR cursor OR #typescript' } }),
    empty: () => ({ query: { query: 'nosuchwordanywhere' } }),
  },
  // Coming (#14): the other paginated lists.
  {
    emulator: 'GET /2/users/{id}/mentions',
    vendor: x('GET /2/users/{id}/mentions'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    empty: (f) => ({ params: { id: f.x.lonelyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/users/{id}/liked_tweets',
    vendor: x('GET /2/users/{id}/liked_tweets'),
    sample: (f) => ({ params: { id: f.x.busyUserId } }),
    empty: (f) => ({ params: { id: f.x.lonelyUserId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/tweets/{id}/liking_users',
    vendor: x('GET /2/tweets/{id}/liking_users'),
    sample: (f) => ({ params: { id: f.x.popularTweetId } }),
    empty: (f) => ({ params: { id: f.x.lonelyTweetId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/tweets/{id}/retweeted_by',
    vendor: x('GET /2/tweets/{id}/retweeted_by'),
    sample: (f) => ({ params: { id: f.x.popularTweetId } }),
    empty: (f) => ({ params: { id: f.x.lonelyTweetId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  {
    emulator: 'GET /2/tweets/{id}/quote_tweets',
    vendor: x('GET /2/tweets/{id}/quote_tweets'),
    sample: (f) => ({ params: { id: f.x.popularTweetId } }),
    empty: (f) => ({ params: { id: f.x.lonelyTweetId } }),
    notFound: (f) => ({ params: { id: f.x.missingId } }),
  },
  // Coming (#17): lookups and the remaining timelines.
  {
    emulator: 'GET /2/users/by/username/{username}',
    vendor: x('GET /2/users/by/username/{username}'),
    sample: (f) => ({ params: { username: f.x.busyUsername } }),
    notFound: () => ({ params: { username: 'nosuchuser_000' } }),
  },
  {
    emulator: 'GET /2/users/by',
    vendor: x('GET /2/users/by'),
    sample: (f) => ({ query: { usernames: `${f.x.busyUsername},${f.x.ownerUsername}` } }),
    notFound: (f) => ({ query: { usernames: `${f.x.busyUsername},nosuchuser_000` } }),
  },
  {
    emulator: 'GET /2/users',
    vendor: x('GET /2/users'),
    sample: (f) => ({ query: { ids: `${f.x.busyUserId},${f.x.ownerUserId}` } }),
    notFound: (f) => ({ query: { ids: `${f.x.busyUserId},${f.x.missingId}` } }),
  },
  {
    emulator: 'GET /2/users/{id}/timelines/reverse_chronological',
    vendor: x('GET /2/users/{id}/timelines/reverse_chronological'),
    sample: (f) => ({ params: { id: f.x.ownerUserId } }),
    userToken: true,
  },
  {
    emulator: 'GET /2/tweets/search/all',
    vendor: x('GET /2/tweets/search/all'),
    sample: () => ({ query: { query: 'api OR cursor OR #typescript' } }),
    empty: () => ({ query: { query: 'nosuchwordanywhere' } }),
  },
];
