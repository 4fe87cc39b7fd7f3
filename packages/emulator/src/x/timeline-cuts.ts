import type { XUserPostCounters } from './find-x-user.js';

/** Where a user timeline's reach ends: its oldest post within reach (`created_at`, `id`). */
export type TimelineCut = readonly [createdAt: unknown, id: unknown];

/** A cut as cached: the version it was computed at, and the cut. */
export interface CachedCut extends XUserPostCounters {
  readonly tweetCount: string;
  readonly mostRecentTweetId: string | null;
  /** performance.now() when computed. */
  readonly at: number;
  /** `null`: the user has no more posts than the reach, nothing is cut. */
  readonly cut: TimelineCut | null;
}

/**
 * The cut-off of the user timeline (the 3,200th newest post; 800th without
 * replies), computed once per user, filter and version of the user's posts
 * instead of on every page: finding it walks the author index 3,200 entries
 * deep, which cost more than the page itself.
 *
 * The version is the user's `tweet_count` and `most_recent_tweet_id`, kept
 * by the x-metric triggers on every insert and delete of a post: read with
 * the user lookup that answers 404 on a cold page, and checked by the page's
 * own statement on a warm one (routes/user-tweets.ts). A
 * post inserted or deleted changes the count, unless a delete and an
 * insert of an older post fall between two pages; the age limit bounds how
 * long such a pair can leave a stale cut (posts never change author, kind
 * or time, so nothing else moves it). Replicas each keep their own cache:
 * the version comes from the shared database.
 */
export class TimelineCuts {
  readonly #entries = new Map<string, CachedCut>();
  readonly #maxAgeMs: number;
  readonly #capacity: number;

  constructor(options: { readonly maxAgeMs?: number; readonly capacity?: number } = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? 1000;
    this.#capacity = options.capacity ?? 1000;
  }

  /** The cut last computed for `key`, when younger than the age limit (whatever the version now). */
  fresh(key: string): CachedCut | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && performance.now() - entry.at < this.#maxAgeMs ? entry : undefined;
  }

  /**
   * The cut for `key` (the user and the filters) at `version`, computed
   * with `compute` when not known for that version or too old.
   */
  async get(
    key: string,
    version: XUserPostCounters,
    compute: () => Promise<TimelineCut | null>,
  ): Promise<TimelineCut | null> {
    const now = performance.now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && sameVersion(entry, version) && now - entry.at < this.#maxAgeMs) {
      return entry.cut;
    }
    const cut = await compute();
    this.#entries.delete(key);
    if (this.#entries.size >= this.#capacity) {
      // Insertion order: the first key is the least recently computed.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { ...version, at: now, cut });
    return cut;
  }
}

/** Whether two readings of a user's post counters are the same version. */
export function sameVersion(a: XUserPostCounters, b: XUserPostCounters): boolean {
  return a.tweetCount === b.tweetCount && a.mostRecentTweetId === b.mostRecentTweetId;
}
