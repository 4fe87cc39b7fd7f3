/**
 * What the emulator answers for each X field and expansion X documents
 * (2.159), checked on every response that asks for it:
 *
 * - `always`: every post (user) in `data` and `includes` carries it;
 * - `sometimes`: it depends on the item (a reply has `in_reply_to_user_id`),
 *   and at least one response of the run carries it;
 * - `never`: the dataset holds nothing for it (no media, polls, places,
 *   edits, notes, communities, private metrics…), and no response carries it.
 *
 * docs/emulator.md ("Fields") lists the same table for users.
 */
export type Presence = 'always' | 'sometimes' | 'never';

/** `tweet.fields` values. */
export const TWEET_FIELD_PRESENCE: Readonly<Record<string, Presence>> = {
  article: 'never',
  attachments: 'never',
  author_id: 'always',
  card_uri: 'never',
  community_id: 'never',
  context_annotations: 'never',
  conversation_id: 'always',
  created_at: 'always',
  display_text_range: 'always',
  edit_controls: 'always',
  edit_history_tweet_ids: 'always',
  entities: 'sometimes',
  geo: 'never',
  id: 'always',
  in_reply_to_user_id: 'sometimes',
  lang: 'always',
  media_metadata: 'never',
  // Private metrics: X sends them only to the author's own user context, for 30 days.
  non_public_metrics: 'never',
  note_tweet: 'never',
  organic_metrics: 'never',
  possibly_sensitive: 'always',
  promoted_metrics: 'never',
  public_metrics: 'always',
  referenced_tweets: 'sometimes',
  reply_settings: 'always',
  scopes: 'never',
  source: 'never',
  suggested_source_links: 'never',
  suggested_source_links_with_counts: 'never',
  text: 'always',
  withheld: 'never',
};

/** `user.fields` values. */
export const USER_FIELD_PRESENCE: Readonly<Record<string, Presence>> = {
  affiliation: 'never',
  // Only for the authenticated user's own account, with a user token.
  confirmed_email: 'never',
  connection_status: 'never',
  created_at: 'always',
  description: 'always',
  entities: 'sometimes',
  id: 'always',
  is_identity_verified: 'never',
  location: 'sometimes',
  most_recent_tweet_id: 'sometimes',
  name: 'always',
  parody: 'never',
  pinned_tweet_id: 'never',
  profile_banner_url: 'never',
  profile_image_url: 'always',
  protected: 'always',
  public_metrics: 'always',
  receives_your_dm: 'never',
  subscription: 'never',
  subscription_type: 'always',
  url: 'always',
  username: 'always',
  verified: 'always',
  verified_followers_count: 'never',
  verified_type: 'always',
  withheld: 'never',
};

/** Which `includes` key each expansion fills, and whether the data has any. */
export const EXPANSION_PRESENCE: Readonly<
  Record<string, { readonly includes: string; readonly presence: Exclude<Presence, 'always'> }>
> = {
  'article.cover_media': { includes: 'media', presence: 'never' },
  'article.media_entities': { includes: 'media', presence: 'never' },
  'attachments.media_keys': { includes: 'media', presence: 'never' },
  'attachments.media_source_tweet': { includes: 'tweets', presence: 'never' },
  'attachments.poll_ids': { includes: 'polls', presence: 'never' },
  author_id: { includes: 'users', presence: 'sometimes' },
  edit_history_tweet_ids: { includes: 'tweets', presence: 'never' },
  'entities.mentions.username': { includes: 'users', presence: 'sometimes' },
  'geo.place_id': { includes: 'places', presence: 'never' },
  in_reply_to_user_id: { includes: 'users', presence: 'sometimes' },
  'entities.note.mentions.username': { includes: 'users', presence: 'never' },
  'referenced_tweets.id': { includes: 'tweets', presence: 'sometimes' },
  'referenced_tweets.id.attachments.media_keys': { includes: 'media', presence: 'never' },
  'referenced_tweets.id.author_id': { includes: 'users', presence: 'sometimes' },
  'affiliation.user_id': { includes: 'users', presence: 'never' },
  most_recent_tweet_id: { includes: 'tweets', presence: 'sometimes' },
  pinned_tweet_id: { includes: 'tweets', presence: 'never' },
};
