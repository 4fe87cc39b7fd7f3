import { Prng } from './prng.js';

const DAY = 86_400_000;

/** Post kinds as stored in `x_tweets.kind`. */
export const POST_KIND = Object.freeze({ original: 0, reply: 1, retweet: 2, quote: 3 });

/**
 * Who posted what and which post each reply, retweet and quote points at,
 * decided before any row is written so each post's counts (replies,
 * retweets, quotes, likes) are known when the post itself is written.
 * Arrays are indexed by post position (creation order).
 */
export interface XPostGraph {
  /** Creation times, ascending (ms). */
  readonly times: Float64Array;
  /** Author, as an index into the user list. */
  readonly authors: Int32Array;
  /** {@link POST_KIND} of each post. */
  readonly kinds: Uint8Array;
  /** The post a reply, retweet or quote points at (always older, never a retweet); -1 for originals. */
  readonly refs: Int32Array;
  /** The user an original post mentions (`@username` in its text), or -1. */
  readonly mentions: Int32Array;
  readonly replyCounts: Int32Array;
  readonly retweetCounts: Int32Array;
  readonly quoteCounts: Int32Array;
  /** How many users like each post (the likes generator draws exactly this many). */
  readonly likeCounts: Int32Array;
}

/** Share of posts that are replies and retweets (quotes: `quotes / posts`). */
const REPLY_SHARE = 0.2;
const RETWEET_SHARE = 0.1;
/** Share of original posts that mention someone. */
const ORIGINAL_MENTION_SHARE = 0.15;
/** Chance that a reply, retweet or quote goes to one of the viral posts rather than any older post. */
const VIRAL_PULL = { reply: 0.2, retweet: 0.5, quote: 0.5 } as const;

/**
 * Builds the post graph of `n` posts by `users` users over the 30 days
 * before `anchorMs`. Realistic skew: authors are drawn with
 * `skewedIndex` (a few very active users); about one post in 5,000 (at
 * least 3, all in the older half) is *viral* and draws a Zipf share of
 * the replies, retweets and quotes, so the top posts collect thousands of
 * quotes and hundreds of retweets on the default dataset; likes follow
 * engagement, capped at one per user. A user retweets a post at most once
 * (a repeat draw becomes an original post).
 */
export function xPostGraph(
  seed: string,
  n: number,
  users: number,
  anchorMs: number,
  sizes: { readonly likes: number; readonly quotes: number },
): XPostGraph {
  const r = new Prng(`${seed}/x_post_graph`);
  const times = new Float64Array(n);
  for (let k = 0; k < n; k++) times[k] = anchorMs - 1 - r.int(30 * DAY);
  times.sort();
  const authors = new Int32Array(n);
  const kinds = new Uint8Array(n);
  const refs = new Int32Array(n).fill(-1);
  const mentions = new Int32Array(n).fill(-1);
  const replyCounts = new Int32Array(n);
  const retweetCounts = new Int32Array(n);
  const quoteCounts = new Int32Array(n);
  const viral = viralPosts(r, n);
  const quoteShare = n === 0 ? 0 : Math.min(0.5, sizes.quotes / n);
  const retweeted = new Set<number>();
  for (let k = 0; k < n; k++) {
    const author = skewed(r, users);
    authors[k] = author;
    const roll = r.next();
    let kind: number = POST_KIND.original;
    if (k > 0) {
      if (roll < REPLY_SHARE) kind = POST_KIND.reply;
      else if (roll < REPLY_SHARE + RETWEET_SHARE) kind = POST_KIND.retweet;
      else if (roll < REPLY_SHARE + RETWEET_SHARE + quoteShare) kind = POST_KIND.quote;
    }
    if (kind !== POST_KIND.original) {
      const pull =
        kind === POST_KIND.reply
          ? VIRAL_PULL.reply
          : kind === POST_KIND.retweet
            ? VIRAL_PULL.retweet
            : VIRAL_PULL.quote;
      let target = r.chance(pull) ? zipfPick(r, viral) : -1;
      if (target < 0 || target >= k) target = r.int(k);
      // Engaging with a retweet engages with the post it retweets.
      if (kinds[target] === POST_KIND.retweet) target = refs[target] as number;
      if (kind === POST_KIND.retweet) {
        const pair = target * users + author;
        if (retweeted.has(pair)) kind = POST_KIND.original;
        else retweeted.add(pair);
      }
      if (kind !== POST_KIND.original) {
        refs[k] = target;
        const counts =
          kind === POST_KIND.reply
            ? replyCounts
            : kind === POST_KIND.retweet
              ? retweetCounts
              : quoteCounts;
        counts[target] = (counts[target] as number) + 1;
      }
    }
    kinds[k] = kind;
    if (kind === POST_KIND.original && users > 1 && r.chance(ORIGINAL_MENTION_SHARE)) {
      const other = skewed(r, users);
      if (other !== author) mentions[k] = other;
    }
  }
  const likeCounts = likeCountsOf(r, kinds, replyCounts, retweetCounts, quoteCounts, users, sizes);
  return {
    times,
    authors,
    kinds,
    refs,
    mentions,
    replyCounts,
    retweetCounts,
    quoteCounts,
    likeCounts,
  };
}

/** Same rule as `skewedIndex` in generate-dataset.ts (density ∝ 1/√x), kept here to avoid an import cycle. */
function skewed(r: Prng, n: number): number {
  const x = r.next();
  return Math.min(n - 1, Math.floor(n * x * x));
}

/** The viral posts, most viral first: one per 5,000 posts (at least 3), drawn from the older half. */
function viralPosts(r: Prng, n: number): Int32Array {
  if (n < 2) return new Int32Array(0);
  const count = Math.max(3, Math.round(n / 5000));
  const out = new Int32Array(count);
  for (let j = 0; j < count; j++) out[j] = r.int(Math.max(1, Math.floor(n / 2)));
  return out;
}

/** A viral post by Zipf rank (P(rank j) ∝ 1 / (j + 1)). */
function zipfPick(r: Prng, viral: Int32Array): number {
  if (viral.length === 0) return -1;
  let total = 0;
  for (let j = 0; j < viral.length; j++) total += 1 / (j + 1);
  let x = r.next() * total;
  for (let j = 0; j < viral.length; j++) {
    x -= 1 / (j + 1);
    if (x < 0) return viral[j] as number;
  }
  return viral[viral.length - 1] as number;
}

/**
 * Likes per post: weight 1 + 4 × (replies + retweets + quotes) times a
 * heavy-tailed factor, scaled to about `likes` in all, at most one like per
 * user. Retweets get none (a like goes to the post retweeted).
 */
function likeCountsOf(
  r: Prng,
  kinds: Uint8Array,
  replies: Int32Array,
  retweets: Int32Array,
  quotes: Int32Array,
  users: number,
  sizes: { readonly likes: number },
): Int32Array {
  const n = kinds.length;
  const weights = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    if (kinds[k] === POST_KIND.retweet) continue;
    const engagement = (replies[k] as number) + (retweets[k] as number) + (quotes[k] as number);
    // Pareto tail (alpha 1.5): most posts get a few likes, some get many.
    const tail = (1 - r.next()) ** (-1 / 1.5);
    const w = (1 + 4 * engagement) * tail;
    weights[k] = w;
    total += w;
  }
  const out = new Int32Array(n);
  if (total === 0 || sizes.likes === 0) return out;
  for (let k = 0; k < n; k++) {
    const exact = (sizes.likes * (weights[k] as number)) / total;
    const whole = Math.floor(exact);
    out[k] = Math.min(users, whole + (r.next() < exact - whole ? 1 : 0));
  }
  return out;
}
