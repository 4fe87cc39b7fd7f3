import type { EmulatorDatabase } from './schema.js';

/** A data table's columns with their PostgreSQL types, for bulk inserts (`unnest`) in column order. */
export interface TableColumns<T extends keyof EmulatorDatabase> {
  readonly table: T;
  readonly columns: readonly (readonly [keyof EmulatorDatabase[T] & string, string])[];
}

export const zoomUserColumns: TableColumns<'zoom_users'> = {
  table: 'zoom_users',
  columns: [
    ['id', 'text'],
    ['seq', 'bigint'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['email', 'text'],
    ['type', 'int'],
    ['pmi', 'text'],
    ['timezone', 'text'],
    ['dept', 'text'],
    ['created_at', 'bigint'],
    ['last_login_time', 'bigint'],
    ['last_client_version', 'text'],
    ['status', 'text'],
    ['role_id', 'text'],
    ['group_ids', 'text'],
    ['im_group_ids', 'text'],
    ['origin', 'int'],
  ],
};

export const zoomMeetingColumns: TableColumns<'zoom_meetings'> = {
  table: 'zoom_meetings',
  columns: [
    ['id', 'bigint'],
    ['uuid', 'text'],
    ['host_id', 'text'],
    ['topic', 'text'],
    ['type', 'int'],
    ['start_time', 'bigint'],
    ['end_time', 'bigint'],
    ['duration', 'int'],
    ['timezone', 'text'],
    ['created_at', 'bigint'],
    ['agenda', 'text'],
    ['participants_count', 'int'],
    ['features', 'int'],
    ['origin', 'int'],
  ],
};

export const zoomParticipantColumns: TableColumns<'zoom_participants'> = {
  table: 'zoom_participants',
  columns: [
    ['id', 'bigint'],
    ['meeting_id', 'bigint'],
    ['participant_id', 'text'],
    ['user_id', 'text'],
    ['name', 'text'],
    ['user_email', 'text'],
    ['join_time', 'bigint'],
    ['leave_time', 'bigint'],
    ['attentiveness_score', 'text'],
    ['origin', 'int'],
  ],
};

export const zoomWebinarColumns: TableColumns<'zoom_webinars'> = {
  table: 'zoom_webinars',
  columns: [
    ['id', 'bigint'],
    ['uuid', 'text'],
    ['host_id', 'text'],
    ['topic', 'text'],
    ['start_time', 'bigint'],
    ['end_time', 'bigint'],
    ['participants_count', 'int'],
    ['features', 'int'],
    ['audio_quality', 'text'],
    ['video_quality', 'text'],
    ['screen_share_quality', 'text'],
    ['custom_keys', 'text'],
    ['origin', 'int'],
  ],
};

export const zoomWebinarParticipantColumns: TableColumns<'zoom_webinar_participants'> = {
  table: 'zoom_webinar_participants',
  columns: [
    ['id', 'bigint'],
    ['webinar_id', 'bigint'],
    ['participant_user_id', 'text'],
    ['user_id', 'text'],
    ['user_name', 'text'],
    ['email', 'text'],
    ['role', 'text'],
    ['join_time', 'bigint'],
    ['leave_time', 'bigint'],
    ['origin', 'int'],
  ],
};

export const xUserColumns: TableColumns<'x_users'> = {
  table: 'x_users',
  columns: [
    ['id', 'bigint'],
    ['name', 'text'],
    ['username', 'text'],
    ['created_at', 'bigint'],
    ['description', 'text'],
    ['location', 'text'],
    ['url', 'text'],
    ['verified', 'int'],
    ['protected', 'int'],
    ['listed_count', 'int'],
    ['origin', 'int'],
  ],
};

export const xTweetColumns: TableColumns<'x_tweets'> = {
  table: 'x_tweets',
  columns: [
    ['id', 'bigint'],
    ['author_id', 'bigint'],
    ['created_at', 'bigint'],
    ['text', 'text'],
    ['kind', 'int'],
    ['in_reply_to_user_id', 'bigint'],
    ['referenced_tweet_id', 'bigint'],
    ['conversation_id', 'bigint'],
    ['lang', 'text'],
    ['like_count', 'int'],
    ['retweet_count', 'int'],
    ['reply_count', 'int'],
    ['quote_count', 'int'],
    ['impression_count', 'int'],
    ['bookmark_count', 'int'],
    ['entities', 'text'],
    ['origin', 'int'],
  ],
};

export const xFollowColumns: TableColumns<'x_follows'> = {
  table: 'x_follows',
  columns: [
    ['follower_id', 'bigint'],
    ['followee_id', 'bigint'],
    ['created_at', 'bigint'],
    ['origin', 'int'],
  ],
};

export const xLikeColumns: TableColumns<'x_likes'> = {
  table: 'x_likes',
  columns: [
    ['user_id', 'bigint'],
    ['tweet_id', 'bigint'],
    ['created_at', 'bigint'],
    ['origin', 'int'],
  ],
};

export const xMentionColumns: TableColumns<'x_mentions'> = {
  table: 'x_mentions',
  columns: [
    ['user_id', 'bigint'],
    ['tweet_id', 'bigint'],
    ['created_at', 'bigint'],
    ['origin', 'int'],
  ],
};

/** Data tables in dependency-free delete order. */
export const DATA_TABLES = [
  'zoom_webinar_participants',
  'zoom_webinars',
  'zoom_participants',
  'zoom_meetings',
  'zoom_users',
  'x_follows',
  'x_likes',
  'x_mentions',
  'x_tweets',
  'x_users',
  'pw_principals',
] as const;
