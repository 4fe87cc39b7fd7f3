import { isoMillis, singleValue } from 'pagewise/styles';
import { badParam, type RawQuery } from '../http/bad-param.js';
import { profileImageUrl } from './profile-image-url.js';
import type { XRow } from './x-lists.js';

/** Every `tweet.fields` value X accepts (others are a 400). */
export const X_TWEET_FIELDS = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'text',
  'withheld',
] as const;

/** Every `user.fields` value X accepts. */
export const X_USER_FIELDS = [
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'most_recent_tweet_id',
  'name',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
] as const;

/**
 * Every `expansions` value accepted on post lists. The emulator's data fills
 * `author_id`, `in_reply_to_user_id`, `referenced_tweets.id` and
 * `referenced_tweets.id.author_id` (see post-includes.ts); it has no media,
 * polls, places, mentions or edits, so the others have nothing to include.
 */
export const X_TWEET_EXPANSIONS = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
] as const;

/** Every `expansions` value accepted on user lists. */
export const X_USER_EXPANSIONS = [
  'affiliation.user_id',
  'most_recent_tweet_id',
  'pinned_tweet_id',
] as const;

/**
 * Reads a comma-separated list parameter (`tweet.fields=created_at,lang`)
 * and checks every value against `allowed`, with X's message on the first
 * bad one.
 */
export function listParam(query: RawQuery, name: string, allowed: readonly string[]): Set<string> {
  const value = singleValue(query, name);
  const out = new Set<string>();
  if (value === undefined) return out;
  for (const v of value.split(',')) {
    if (!allowed.includes(v)) {
      badParam(
        name,
        [v],
        `The \`${name}\` query parameter value [${v}] is not one of [${allowed.join(',')}]`,
      );
    }
    out.add(v);
  }
  return out;
}

/** A post: default fields `id`, `text`, `edit_history_tweet_ids`, plus the requested ones X's data has. */
export function tweetItem(r: XRow, fields: ReadonlySet<string>): Record<string, unknown> {
  const id = String(r['id']);
  const item: Record<string, unknown> = {};
  const kind = Number(r['kind']);
  const ref =
    r['referenced_tweet_id'] === null || r['referenced_tweet_id'] === undefined
      ? undefined
      : String(r['referenced_tweet_id']);
  if (fields.has('author_id')) item['author_id'] = String(r['author_id']);
  if (fields.has('conversation_id')) item['conversation_id'] = kind === 1 && ref ? ref : id;
  if (fields.has('created_at')) item['created_at'] = isoMillis(Number(r['created_at']));
  item['edit_history_tweet_ids'] = [id];
  item['id'] = id;
  if (fields.has('in_reply_to_user_id') && r['in_reply_to_user_id'] != null) {
    item['in_reply_to_user_id'] = String(r['in_reply_to_user_id']);
  }
  if (fields.has('lang')) item['lang'] = String(r['lang']);
  if (fields.has('possibly_sensitive')) item['possibly_sensitive'] = false;
  if (fields.has('public_metrics')) {
    item['public_metrics'] = {
      retweet_count: Number(r['retweet_count']),
      reply_count: Number(r['reply_count']),
      like_count: Number(r['like_count']),
      quote_count: Number(r['quote_count']),
    };
  }
  if (fields.has('referenced_tweets') && ref) {
    item['referenced_tweets'] = [{ type: kind === 1 ? 'replied_to' : 'retweeted', id: ref }];
  }
  if (fields.has('reply_settings')) item['reply_settings'] = 'everyone';
  item['text'] = String(r['text']);
  return item;
}

/** A user: default fields `id`, `name`, `username`, plus the requested ones X's data has. */
export function userItem(r: XRow, fields: ReadonlySet<string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  if (fields.has('created_at')) item['created_at'] = isoMillis(Number(r['created_at']));
  if (fields.has('description')) item['description'] = String(r['description']);
  item['id'] = String(r['id']);
  if (fields.has('location') && r['location']) item['location'] = String(r['location']);
  item['name'] = String(r['name']);
  if (fields.has('profile_image_url')) {
    item['profile_image_url'] = profileImageUrl(r['id'] as bigint);
  }
  if (fields.has('protected')) item['protected'] = Number(r['protected']) === 1;
  if (fields.has('url')) item['url'] = '';
  item['username'] = String(r['username']);
  if (fields.has('verified')) item['verified'] = Number(r['verified']) === 1;
  return item;
}
