import type { RateLimitState } from '../styles/index.js';

/**
 * One quota: at most `limit` requests per window, counted per principal and
 * `bucket`. Windows are fixed and aligned to the epoch (so a `daily` window
 * starts at 00:00 UTC, as Zoom's daily limits do).
 */
export interface RateLimitRule {
  /** Counter name, e.g. `x:userTweets` or `zoom:Heavy:qps`; rules with the same bucket share a counter. */
  readonly bucket: string;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Real window length in milliseconds (before any scaling). */
  readonly windowMs: number;
  /** Kind reported in headers: per-second (`qps`), daily (`daily`), or a plain window. */
  readonly kind: RateLimitState['kind'];
  /** Zoom category reported in `X-RateLimit-Category`. */
  readonly category?: string;
}

/** The answer of the limiter for one request. */
export interface RateLimitDecision {
  /** True when the request may proceed (it has been counted in every rule). */
  readonly allowed: boolean;
  /**
   * The state to report in headers: the rule that refused the request, or,
   * when allowed, the rule with the longest window (Zoom reports its daily
   * limit, X its 15-minute window). Absent when no rule applies (mode `off`).
   */
  readonly state?: RateLimitState;
  /** The state of every rule, in the order given. */
  readonly states: readonly RateLimitState[];
}
