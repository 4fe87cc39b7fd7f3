import type { XTweetTable } from '../data/schema.js';
import { X_TWEET_FIELDS } from './x-fields.js';

/** A column of `x_tweets`. */
export type TweetColumn = keyof XTweetTable & string;

/**
 * What `tweetItem` (x-fields.ts) reads for each `tweet.fields` value beyond
 * the columns every post needs (`id`, `text`, and `created_at`, a sort key).
 * Kept beside tweetItem's reads: a field added there needs its columns here.
 */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly TweetColumn[]>> = {
  author_id: ['author_id'],
  conversation_id: ['conversation_id'],
  display_text_range: ['kind'],
  edit_controls: ['kind'],
  entities: ['entities'],
  in_reply_to_user_id: ['in_reply_to_user_id'],
  lang: ['lang'],
  public_metrics: [
    'retweet_count',
    'reply_count',
    'like_count',
    'quote_count',
    'bookmark_count',
    'impression_count',
  ],
  referenced_tweets: ['kind', 'referenced_tweet_id'],
};

const ALWAYS: readonly TweetColumn[] = ['id', 'created_at', 'text'];

/**
 * The `x_tweets` columns a post list selects for `fields` (the fields
 * written on `data`, expansions' fields included), as `t.<column>`, in one
 * order whatever the order of the request's parameters: the list's query
 * then has one SQL text per field set, and its compiled form is reused.
 * Selecting only these instead of `t.*` spares the driver reading and
 * converting ~17 columns a row (the `entities` JSON text above all) that
 * most requests never send.
 */
export function tweetColumns(fields: ReadonlySet<string>): `t.${TweetColumn}`[] {
  const columns = new Set<TweetColumn>(ALWAYS);
  if (fields.size > 0) {
    for (const field of X_TWEET_FIELDS) {
      if (!fields.has(field)) continue;
      for (const c of COLUMNS_OF_FIELD[field] ?? []) columns.add(c);
    }
  }
  return [...columns].map((c) => `t.${c}` as const);
}
