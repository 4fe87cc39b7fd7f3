import type { RateLimitRule, RateLimitState } from '../styles/index.js';

export type { RateLimitRule };

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
