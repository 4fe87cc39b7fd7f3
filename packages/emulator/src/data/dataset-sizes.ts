/**
 * How many rows the generated dataset holds. Every field is optional in the
 * public type; {@link normalizeDatasetSizes} fills in the defaults.
 */
export interface DatasetSizes {
  /** Zoom users. @default 1000 */
  readonly zoomUsers?: number;
  /** Zoom meetings (past, live and upcoming). @default 50000 */
  readonly zoomMeetings?: number;
  /** Average participant sessions per past meeting. @default 2.5 */
  readonly participantsPerMeeting?: number;
  /**
   * Zoom webinars (past, live and upcoming), hosted by licensed users.
   * @default zoomMeetings / 50, rounded (1000 with the default meetings), so a
   * small dataset asked for without webinars stays small
   */
  readonly zoomWebinars?: number;
  /**
   * Average participant sessions per webinar (host, panelists, attendees; a
   * long tail of large webinars, at most 50 times the average).
   * @default 60
   */
  readonly participantsPerWebinar?: number;
  /** X users. @default 1000 */
  readonly xUsers?: number;
  /** X posts. @default 300000 */
  readonly xTweets?: number;
  /** X follow edges (capped at users × (users − 1)). @default 500000 */
  readonly xFollows?: number;
  /**
   * About this many X likes: spread over posts by popularity, at most one
   * per user and post (viral posts saturate at every user, so the count
   * comes out a little lower). @default 500000
   */
  readonly xLikes?: number;
  /** About this many of the X posts are quotes (at most half of `xTweets`). @default 15000 */
  readonly xQuotes?: number;
}

/** {@link DatasetSizes} with every field resolved. */
export type ResolvedDatasetSizes = Required<DatasetSizes>;

/** The default sizes: big enough that pagination matters, seeded in seconds. */
export const defaultDatasetSizes: ResolvedDatasetSizes = Object.freeze({
  zoomUsers: 1000,
  zoomMeetings: 50_000,
  participantsPerMeeting: 2.5,
  zoomWebinars: 1000,
  participantsPerWebinar: 60,
  xUsers: 1000,
  xTweets: 300_000,
  xFollows: 500_000,
  xLikes: 500_000,
  xQuotes: 15_000,
});

/**
 * Resolves sizes against the defaults and checks them.
 *
 * @throws RangeError when a count is negative or not an integer, or when a
 * dataset has no users (user 0 is the default principal).
 */
export function normalizeDatasetSizes(sizes: DatasetSizes = {}): ResolvedDatasetSizes {
  const known = new Set(Object.keys(defaultDatasetSizes));
  for (const key of Object.keys(sizes)) {
    if (!known.has(key)) {
      throw new RangeError(`Unknown dataset size "${key}"; known: ${[...known].join(', ')}.`);
    }
  }
  const given = stripUndefined(sizes);
  const out = {
    ...defaultDatasetSizes,
    zoomWebinars: webinarsFor(given.zoomMeetings ?? defaultDatasetSizes.zoomMeetings),
    ...given,
  };
  for (const [key, value] of Object.entries(out)) {
    const integral = !AVERAGES.has(key);
    if (!Number.isFinite(value) || value < 0 || (integral && !Number.isInteger(value))) {
      throw new RangeError(
        `Dataset size ${key} must be a non-negative ${integral ? 'integer' : 'number'}, got ${value}.`,
      );
    }
  }
  if (out.zoomUsers < 1 || out.xUsers < 1) {
    throw new RangeError(
      'Dataset sizes zoomUsers and xUsers must be at least 1 (user 0 is the default principal).',
    );
  }
  if (out.zoomWebinars >= 1_000_000) {
    throw new RangeError(
      'Dataset size zoomWebinars must be below 1,000,000 (the webinar id range).',
    );
  }
  if (out.xTweets >= 2 ** 21) {
    throw new RangeError(
      'Dataset size xTweets must be below 2,097,152 (the snowflake sequence field).',
    );
  }
  out.xFollows = Math.min(out.xFollows, out.xUsers * (out.xUsers - 1));
  out.xLikes = Math.min(out.xLikes, out.xUsers * out.xTweets);
  out.xQuotes = Math.min(out.xQuotes, Math.floor(out.xTweets / 2));
  return Object.freeze(out);
}

/** Sizes that are averages, not counts (any non-negative number). */
const AVERAGES = new Set(['participantsPerMeeting', 'participantsPerWebinar']);

/** The default webinar count for a meeting count: one webinar per 50 meetings. */
function webinarsFor(meetings: number): number {
  return Number.isFinite(meetings) ? Math.round(meetings / 50) : 0;
}

function stripUndefined(o: DatasetSizes): Partial<ResolvedDatasetSizes> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
