import type { Generated } from 'kysely';

/**
 * Column types of the emulator's tables, for Kysely.
 *
 * Times are stored as integer milliseconds since the Unix epoch in both
 * SQLite and PostgreSQL (BIGINT): one representation, compared and indexed
 * the same way by both engines, with no time-zone or precision surprises.
 * X ids are 64-bit snowflakes: they exceed `Number.MAX_SAFE_INTEGER`, so no
 * driver reads them as a JS number: SQLite returns `bigint`, PostgreSQL
 * decimal text (see `open-database.ts`).
 * `origin` is 0 for seeded rows and 1 for rows the churn writer inserted:
 * the churn writer only ever deletes rows with origin 1.
 */
export interface EmulatorDatabase {
  pw_meta: MetaTable;
  pw_principals: PrincipalTable;
  pw_rate_counters: RateCounterTable;
  zoom_users: ZoomUserTable;
  zoom_meetings: ZoomMeetingTable;
  zoom_participants: ZoomParticipantTable;
  zoom_webinars: ZoomWebinarTable;
  zoom_webinar_participants: ZoomWebinarParticipantTable;
  x_users: XUserTable;
  x_tweets: XTweetTable;
  x_follows: XFollowTable;
  x_likes: XLikeTable;
  x_mentions: XMentionTable;
}

/** Key/value facts about the seeded dataset (seed, sizes, anchor). */
export interface MetaTable {
  key: string;
  value: string;
}

/** One rate-limit counter (principal, bucket, window start) shared by replicas. */
export interface RateCounterTable {
  key: string;
  count: Int;
  expires_at: Int;
}

/** Extra API principals created through the admin API (the main API token is not stored). */
export interface PrincipalTable {
  token_hash: string;
  name: string;
  zoom_user_id: string;
  x_user_id: Int;
  created_at: Int;
  /** `app` (an X app-only Bearer token) or `user` (an X user token); `user` for rows made before the column. */
  x_auth: Generated<string>;
}

/**
 * An integer column as the drivers return it: `bigint` (SQLite safe
 * integers) or decimal text (PostgreSQL int8; 32-bit columns as numbers),
 * so a reader converts it (`String`, `Number`, `BigInt`) before any
 * arithmetic or comparison. Written as a `bigint` or a number.
 */
export type Int = bigint | number | string;

/** A Zoom user (`GET /v2/users`). */
export interface ZoomUserTable {
  id: string;
  /** Position in the seed; also the account order (`GET /users` sorts by it, then `id`). */
  seq: Int;
  first_name: string;
  last_name: string;
  email: string;
  type: Int;
  pmi: string;
  timezone: string;
  dept: string;
  created_at: Int;
  last_login_time: Int;
  last_client_version: string;
  status: string;
  role_id: string;
  group_ids: string;
  im_group_ids: string;
  origin: Int;
}

/** A Zoom meeting (scheduled or past); source of list, report and dashboard meetings. */
export interface ZoomMeetingTable {
  id: Int;
  uuid: string;
  host_id: string;
  topic: string;
  type: Int;
  start_time: Int;
  end_time: Int;
  duration: Int;
  timezone: string;
  created_at: Int;
  agenda: string;
  participants_count: Int;
  /** Bit set: 1 pstn, 2 voip, 4 3rd-party audio, 8 video, 16 screen share, 32 recording, 64 sip. */
  features: Int;
  origin: Int;
}

/** One participant session in a past meeting. */
export interface ZoomParticipantTable {
  id: Int;
  meeting_id: Int;
  participant_id: string;
  user_id: string;
  name: string;
  user_email: string;
  join_time: Int;
  leave_time: Int;
  attentiveness_score: string;
  origin: Int;
}

/** A webinar hosted by a Zoom user (Dashboard `GET /metrics/webinars`). */
export interface ZoomWebinarTable {
  id: Int;
  uuid: string;
  host_id: string;
  topic: string;
  start_time: Int;
  end_time: Int;
  /** Participant sessions stored for it (rows of `zoom_webinar_participants`). */
  participants_count: Int;
  /**
   * Bit set: 1 pstn, 2 voip, 4 3rd-party audio, 8 video, 16 screen share, 32 recording,
   * 64 sip, 128 archiving, 256 manual captions, 512 automated captions.
   */
  features: Int;
  audio_quality: string;
  video_quality: string;
  screen_share_quality: string;
  /** JSON array of `{ key, value }` (Zoom's `custom_keys`, at most 10). */
  custom_keys: string;
  origin: Int;
}

/** One participant session of a webinar (host, panelist or attendee). */
export interface ZoomWebinarParticipantTable {
  id: Int;
  webinar_id: Int;
  /** Zoom user id of a signed-in participant of the account; `''` otherwise. */
  participant_user_id: string;
  /** Per-session participant id (Zoom's `user_id`). */
  user_id: string;
  user_name: string;
  /** `''` for participants outside the account. */
  email: string;
  role: string;
  join_time: Int;
  leave_time: Int;
  origin: Int;
}

/**
 * An X user. `followers_count`, `following_count`, `tweet_count`,
 * `like_count` and `most_recent_tweet_id` are kept by triggers on
 * `x_follows`, `x_tweets` and `x_likes` (migrations 0004 and 0007) and recounted after a seed, so they always equal the
 * lists the API serves.
 */
export interface XUserTable {
  id: Int;
  name: string;
  username: string;
  created_at: Int;
  description: string;
  location: string;
  /** The profile's link (a t.co URL), or ''. */
  url: Generated<string>;
  verified: Int;
  protected: Int;
  /** How many lists hold the account (lists are not emulated: generated). */
  listed_count: Generated<Int>;
  followers_count: Generated<Int>;
  following_count: Generated<Int>;
  tweet_count: Generated<Int>;
  /** Posts the user liked (rows of `x_likes`; triggers of migration 0007). */
  like_count: Generated<Int>;
  most_recent_tweet_id: Generated<Int | null>;
  origin: Int;
}

/**
 * An X post. `kind`: 0 original, 1 reply, 2 retweet, 3 quote (replies,
 * retweets and quotes point at `referenced_tweet_id`). `like_count`,
 * `retweet_count`, `reply_count` and `quote_count` are the numbers of
 * likes, retweets, replies and quotes of the post held in the data: the
 * generator computes them and the churn writer keeps them in step.
 */
export interface XTweetTable {
  id: Int;
  author_id: Int;
  created_at: Int;
  text: string;
  kind: Int;
  in_reply_to_user_id: Int | null;
  referenced_tweet_id: Int | null;
  /** The thread's first post; null means the post itself. */
  conversation_id: Generated<Int | null>;
  lang: string;
  like_count: Int;
  retweet_count: Int;
  reply_count: Int;
  quote_count: Int;
  impression_count: Generated<Int>;
  bookmark_count: Generated<Int>;
  /** X's `entities` of `text` as JSON (mention ids resolved when written), or ''. */
  entities: Generated<string>;
  origin: Int;
}

/** `follower_id` follows `followee_id` since `created_at`. */
export interface XFollowTable {
  follower_id: Int;
  followee_id: Int;
  created_at: Int;
  origin: Int;
}

/** `user_id` likes `tweet_id` since `created_at`. */
export interface XLikeTable {
  user_id: Int;
  tweet_id: Int;
  created_at: Int;
  origin: Int;
}

/**
 * `tweet_id` mentions `user_id` (an `@username` of its text that names a
 * user). `created_at` is the post's, copied so the mentions timeline is a
 * walk on one index.
 */
export interface XMentionTable {
  user_id: Int;
  tweet_id: Int;
  created_at: Int;
  origin: Int;
}
