import type { Generated } from 'kysely';

/**
 * Column types of the emulator's tables, for Kysely.
 *
 * Times are stored as integer milliseconds since the Unix epoch in both
 * SQLite and PostgreSQL (BIGINT): one representation, compared and indexed
 * the same way by both engines, with no time-zone or precision surprises.
 * X ids are 64-bit snowflakes: they exceed `Number.MAX_SAFE_INTEGER`, so the
 * drivers are configured to return them as `bigint` (see `open-database.ts`).
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
  x_users: XUserTable;
  x_tweets: XTweetTable;
  x_follows: XFollowTable;
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
  x_user_id: bigint | number | string;
  created_at: bigint | number;
  /** `app` (an X app-only Bearer token) or `user` (an X user token); `user` for rows made before the column. */
  x_auth: Generated<string>;
}

/** Integers as the drivers return them: `bigint` (SQLite safe integers, PostgreSQL int8) or number. */
export type Int = bigint | number;

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

/** An X user. */
export interface XUserTable {
  id: Int;
  name: string;
  username: string;
  created_at: Int;
  description: string;
  location: string;
  verified: Int;
  protected: Int;
  origin: Int;
}

/** An X post. `kind`: 0 original, 1 reply, 2 retweet. */
export interface XTweetTable {
  id: Int;
  author_id: Int;
  created_at: Int;
  text: string;
  kind: Int;
  in_reply_to_user_id: Int | null;
  referenced_tweet_id: Int | null;
  lang: string;
  like_count: Int;
  retweet_count: Int;
  reply_count: Int;
  quote_count: Int;
  origin: Int;
}

/** `follower_id` follows `followee_id` since `created_at`. */
export interface XFollowTable {
  follower_id: Int;
  followee_id: Int;
  created_at: Int;
  origin: Int;
}
