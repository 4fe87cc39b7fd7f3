import { isoMillis, singleValue } from 'pagewise/styles';
import { badParam, type RawQuery } from '../http/bad-param.js';
import { profileImageUrl } from './profile-image-url.js';
import { codePointLength, textEntities } from './x-entities.js';
import type { XRow } from './x-lists.js';

/**
 * Every `tweet.fields` value X accepts (others are a 400): the enum of
 * 2.159's `TweetFieldsParameter`. What each one returns is listed in
 * docs/emulator.md (Fields) and checked by the conformance suite.
 */
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
  'suggested_source_links',
  'suggested_source_links_with_counts',
  'text',
  'withheld',
] as const;

/** Every `user.fields` value X accepts: the enum of 2.159's `UserFieldsParameter`. */
export const X_USER_FIELDS = [
  'affiliation',
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
] as const;

/**
 * Every `expansions` value accepted on post lists. The emulator's data fills
 * `author_id`, `in_reply_to_user_id`, `referenced_tweets.id`,
 * `referenced_tweets.id.author_id` and `entities.mentions.username` (see
 * post-includes.ts); it has no media, polls, places, notes or edits, so the
 * others have nothing to include.
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

/** Every `expansions` value accepted on user lists (`most_recent_tweet_id` is filled, see user-includes.ts). */
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

/** X's edit window: a post can be edited five times within an hour of posting. */
const EDIT_WINDOW_MS = 60 * 60_000;
const EDITS_ALLOWED = 5;
/** A reply's leading `@mentions`, which X leaves out of the displayed text. */
const LEADING_MENTIONS = /^(?:@[A-Za-z0-9_]{1,15}\s+)+/;

const str = (v: unknown) => String(v);
const num = (v: unknown) => Number(v);

/**
 * A post: default fields `id`, `text`, `edit_history_tweet_ids`, plus the
 * requested ones the data holds (docs/emulator.md, Fields). Offsets
 * (`display_text_range`, `entities`) count code points, as X does.
 */
export function tweetItem(r: XRow, fields: ReadonlySet<string>): Record<string, unknown> {
  const id = str(r['id']);
  const text = str(r['text']);
  const item: Record<string, unknown> = {};
  // Default fields (most requests) write only id and text: skip the rest,
  // which cost a conversion per row for nothing.
  if (fields.size === 0) {
    item['edit_history_tweet_ids'] = [id];
    item['id'] = id;
    item['text'] = text;
    return item;
  }
  const kind = num(r['kind']);
  const createdAt = num(r['created_at']);
  const ref =
    r['referenced_tweet_id'] === null || r['referenced_tweet_id'] === undefined
      ? undefined
      : str(r['referenced_tweet_id']);
  if (fields.has('author_id')) item['author_id'] = str(r['author_id']);
  if (fields.has('conversation_id')) {
    const root = r['conversation_id'];
    item['conversation_id'] = root === null || root === undefined ? id : str(root);
  }
  if (fields.has('created_at')) item['created_at'] = isoMillis(createdAt);
  if (fields.has('display_text_range')) {
    const lead = kind === 1 ? (LEADING_MENTIONS.exec(text)?.[0] ?? '') : '';
    item['display_text_range'] = [codePointLength(lead), codePointLength(text)];
  }
  if (fields.has('edit_controls')) {
    // Nothing is ever edited here; reposts cannot be.
    item['edit_controls'] = {
      edits_remaining: EDITS_ALLOWED,
      is_edit_eligible: kind !== 2,
      editable_until: isoMillis(createdAt + EDIT_WINDOW_MS),
    };
  }
  item['edit_history_tweet_ids'] = [id];
  if (fields.has('entities')) {
    const stored = r['entities'];
    if (typeof stored === 'string' && stored !== '') item['entities'] = JSON.parse(stored);
  }
  item['id'] = id;
  if (fields.has('in_reply_to_user_id') && r['in_reply_to_user_id'] != null) {
    item['in_reply_to_user_id'] = str(r['in_reply_to_user_id']);
  }
  if (fields.has('lang')) item['lang'] = str(r['lang']);
  if (fields.has('possibly_sensitive')) item['possibly_sensitive'] = false;
  if (fields.has('public_metrics')) {
    item['public_metrics'] = {
      retweet_count: num(r['retweet_count']),
      reply_count: num(r['reply_count']),
      like_count: num(r['like_count']),
      quote_count: num(r['quote_count']),
      bookmark_count: num(r['bookmark_count'] ?? 0),
      impression_count: num(r['impression_count'] ?? 0),
    };
  }
  if (fields.has('referenced_tweets') && ref) {
    const type = kind === 1 ? 'replied_to' : kind === 3 ? 'quoted' : 'retweeted';
    item['referenced_tweets'] = [{ type, id: ref }];
  }
  if (fields.has('reply_settings')) item['reply_settings'] = 'everyone';
  item['text'] = text;
  return item;
}

/**
 * A user: default fields `id`, `name`, `username`, plus the requested ones
 * the data holds (docs/emulator.md, Fields). `public_metrics` comes from
 * counts the database keeps (x-metric-triggers.ts), so `followers_count`
 * is the length of the followers list.
 */
export function userItem(r: XRow, fields: ReadonlySet<string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  // Default fields, as on posts: no conversions for fields not written.
  if (fields.size === 0) {
    item['id'] = str(r['id']);
    item['name'] = str(r['name']);
    item['username'] = str(r['username']);
    return item;
  }
  const description = str(r['description'] ?? '');
  const url = str(r['url'] ?? '');
  const verified = num(r['verified']) === 1;
  if (fields.has('created_at')) item['created_at'] = isoMillis(num(r['created_at']));
  if (fields.has('description')) item['description'] = description;
  if (fields.has('entities')) {
    const entities: Record<string, unknown> = {};
    const linked = url === '' ? undefined : textEntities(url)?.urls;
    if (linked !== undefined) entities['url'] = { urls: linked };
    const described = textEntities(description);
    if (described !== undefined) entities['description'] = described;
    if (Object.keys(entities).length > 0) item['entities'] = entities;
  }
  item['id'] = str(r['id']);
  if (fields.has('location') && r['location']) item['location'] = str(r['location']);
  if (fields.has('most_recent_tweet_id') && r['most_recent_tweet_id'] != null) {
    item['most_recent_tweet_id'] = str(r['most_recent_tweet_id']);
  }
  item['name'] = str(r['name']);
  if (fields.has('profile_image_url')) {
    item['profile_image_url'] = profileImageUrl(r['id'] as bigint);
  }
  if (fields.has('protected')) item['protected'] = num(r['protected']) === 1;
  if (fields.has('public_metrics')) {
    item['public_metrics'] = {
      followers_count: num(r['followers_count'] ?? 0),
      following_count: num(r['following_count'] ?? 0),
      tweet_count: num(r['tweet_count'] ?? 0),
      listed_count: num(r['listed_count'] ?? 0),
      like_count: num(r['like_count'] ?? 0),
    };
  }
  // Verification is X Premium's blue check; the others hold no subscription.
  if (fields.has('subscription_type')) item['subscription_type'] = verified ? 'Premium' : 'None';
  if (fields.has('url')) item['url'] = url;
  item['username'] = str(r['username']);
  if (fields.has('verified')) item['verified'] = verified;
  if (fields.has('verified_type')) item['verified_type'] = verified ? 'blue' : 'none';
  return item;
}
