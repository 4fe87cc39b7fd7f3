import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitRule,
  type RateLimitStore,
} from 'pagewise/fastify';
import { type RateLimitState, X_WINDOW_MS } from 'pagewise/styles';
import type { RateLimitMode } from '../emulator-options.js';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

/** The last state the limiter reported for one principal and rule (read-only, for the console). */
export interface RateLimitSnapshotEntry {
  /** Token-binding scope of the principal (`owner`, `p:…`). */
  readonly scope: string;
  /** The rule's counter name, e.g. `x:userTweets` or `zoom:Heavy:qps`. */
  readonly bucket: string;
  readonly kind: RateLimitState['kind'];
  readonly category: string | null;
  readonly limit: number;
  /** Window length in force (scaled in `scaled` mode), ms. */
  readonly windowMs: number;
  readonly used: number;
  readonly remaining: number;
  /** When the window of `used` ends, ms since 1970. */
  readonly resetAt: number;
  /** True when the last request counted here was refused by this rule (a 429). */
  readonly limited: boolean;
  /** When this rule last refused a request of this principal (a 429), ms; `null` if never. */
  readonly limitedAt: number | null;
  /** When this entry was last updated, ms. */
  readonly at: number;
}

/** Principal-and-rule entries kept for the console; the least recently updated go first. */
const SNAPSHOT_LIMIT = 500;

/**
 * The emulator's rate limiter: the server part's limiter, one per process,
 * counting the styles' own quotas (Zoom's Pro plan, X's app limits) per
 * principal, and remembering the last state of each principal and rule for
 * the console. In `scaled` mode every window but the per-second one is
 * divided by `scale` (X's 15 minutes become 15 s at the default 60), so a
 * 429 and its reset can be seen in a test.
 */
export class ApiRateLimiter implements RateLimiter {
  readonly #limiter: RateLimiter;
  readonly #seen = new Map<string, RateLimitSnapshotEntry>();
  #version = 0;

  constructor(mode: RateLimitMode, scale: number, now: () => number, store?: RateLimitStore) {
    this.#limiter = createRateLimiter({
      mode,
      now,
      ...(store ? { store } : {}),
      ...(mode === 'scaled'
        ? {
            windowMs: {
              qps: SECOND,
              window: Math.max(1, Math.round(X_WINDOW_MS / scale)),
              daily: Math.max(1, Math.round(DAY / scale)),
            },
          }
        : {}),
    });
  }

  /** The mode in force. */
  get mode(): RateLimitMode {
    return this.#limiter.mode;
  }

  /** The window a rule gets in this mode, ms. */
  windowOf(rule: RateLimitRule): number {
    return this.#limiter.windowOf(rule);
  }

  /** Counts one request of `scope` against `rules`. */
  async check(scope: string, rules: readonly RateLimitRule[]): Promise<RateLimitDecision> {
    const decision = await this.#limiter.check(scope, rules);
    for (let i = 0; i < decision.states.length; i++) {
      const rule = rules[i];
      const state = decision.states[i];
      if (rule && state) this.#remember(scope, rule, state);
    }
    return decision;
  }

  /**
   * The last state seen per principal and rule, most recently updated last
   * (at most 500 entries), and a version that changes with every update.
   * What this process counted: with the `database` store the counts include
   * every replica's requests, but only principals seen here are listed.
   */
  snapshot(): { readonly version: number; readonly entries: readonly RateLimitSnapshotEntry[] } {
    return { version: this.#version, entries: [...this.#seen.values()] };
  }

  /** Changes whenever {@link ApiRateLimiter.snapshot} would return something new. */
  get version(): number {
    return this.#version;
  }

  #remember(scope: string, rule: RateLimitRule, state: RateLimitState): void {
    // Scopes (`owner`, `p:<hex>`) and buckets never hold a NUL.
    const key = `${scope}\u0000${rule.bucket}`;
    const before = this.#seen.get(key);
    // Delete then set: the entry moves to the end, so the oldest is first to go.
    this.#seen.delete(key);
    if (this.#seen.size >= SNAPSHOT_LIMIT) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    this.#seen.set(key, {
      scope,
      bucket: rule.bucket,
      kind: state.kind,
      category: state.category ?? null,
      limit: state.limit,
      windowMs: this.#limiter.windowOf(rule),
      used: state.used,
      remaining: state.remaining,
      resetAt: state.resetAt,
      limited: state.limited,
      limitedAt: state.limited ? state.now : (before?.limitedAt ?? null),
      at: state.now,
    });
    this.#version++;
  }
}
