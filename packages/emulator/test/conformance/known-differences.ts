import type { VendorDocumentName } from './vendor-specs.js';

/**
 * Fields the emulator sends that its vendor document does not declare,
 * kept on purpose; each has an entry in docs/decisions.md (Emulator) with
 * the evidence for keeping it.
 */
export const KEPT_UNDOCUMENTED: readonly {
  readonly document: VendorDocumentName;
  /** The field as undocumented-fields.ts writes it (`participants[].foo`). */
  readonly field: string;
  readonly decision: string;
}[] = [];

/**
 * How the emulator's X answers differ from X's 2.167 document (Tweet →
 * Post). The wire follows 2.159, which the clients in use read; this list
 * and the table in docs/decisions.md (Emulator, "X 2.167") say what a 2.167
 * client would see. Each entry matches the differences the suite observes
 * (validator errors, or `undocumented <field>`); an entry that matches
 * nothing any more is stale and fails the suite.
 */
export const X_2167_DIFFERENCES: readonly {
  readonly match: RegExp;
  readonly sent: string;
  readonly under2167: string;
}[] = [
  {
    match: /(^|\.|\])edit_history_tweet_ids$/,
    sent: 'post `edit_history_tweet_ids`',
    under2167: '`edit_history_post_ids`',
  },
  {
    match: /public_metrics(\.retweet_count$| required: .*'repost_count')/,
    sent: 'post `public_metrics.retweet_count`',
    under2167: '`public_metrics.repost_count` (required)',
  },
  {
    match: /\.referenced_tweets$/,
    sent: 'post `referenced_tweets`',
    under2167: '`referenced_posts`',
  },
  {
    match: /^undocumented includes\.tweets$/,
    sent: '`includes.tweets`',
    under2167: '`includes.posts`',
  },
  {
    match: /public_metrics(\.tweet_count$| required: .*'post_count')/,
    sent: 'user `public_metrics.tweet_count`',
    under2167: '`public_metrics.post_count` (required)',
  },
  {
    match: /(^|\.|\])most_recent_tweet_id$/,
    sent: 'user `most_recent_tweet_id`',
    under2167: '`most_recent_post_id`',
  },
  {
    match: /\/type enum: /,
    sent: 'problem types `https://api.twitter.com/2/problems/…` and `about:blank`',
    under2167:
      'types under `https://api.x.com/2/problems/…`; no `about:blank` (`GenericProblem` is gone), so 401, 429, 5xx and unknown-route bodies match no problem schema',
  },
  {
    match: /^undocumented (title|status|detail)$/,
    sent: '`{ title, type, status, detail }` of 401, 429, 5xx and unknown routes',
    under2167: 'not described (follows from the row above)',
  },
  {
    match: /^undocumented errors$/,
    sent: 'the 400 "Invalid Request" body\'s `errors[]` (`parameters`, `message`)',
    under2167: '`InvalidRequestProblem` with `parameter` and `value`, no `errors` array',
  },
  {
    match: /^undocumented errors\[\]\./,
    sent: 'partial errors (`errors[]` of a 200 for an unknown id)',
    under2167: 'fields read as undocumented, as their `type` matches no 2.167 problem',
  },
];
