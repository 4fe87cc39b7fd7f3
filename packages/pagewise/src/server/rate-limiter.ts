import type { RateLimitState } from '../styles/index.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitDecision, RateLimitRule } from './rate-limit-rule.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RateLimiterConfigError } from './rate-limiter-config-error.js';

/** Options of {@link createRateLimiter}; every field is optional. */
export interface RateLimiterOptions {
  /**
   * `off`: nothing is counted, every request passes, no headers.
   * `realistic`: the real windows (1 s, 15 min, a UTC day).
   * `scaled`: every window divided by `scale` (or replaced by `windowMs`),
   * limits unchanged: for tests that need to see resets quickly.
   * @default 'realistic'
   */
  readonly mode?: 'off' | 'realistic' | 'scaled';
  /**
   * In `scaled` mode, the factor windows are divided by (900 turns X's
   * 15 minutes into 1 s; a Zoom day into 96 s). A scaled window is never
   * shorter than one second, so per-second quotas keep their real window.
   * @default 900
   */
  readonly scale?: number;
  /**
   * In `scaled` mode, explicit window lengths by kind, in milliseconds;
   * they win over `scale`.
   * @default {}
   */
  readonly windowMs?: Readonly<Partial<Record<RateLimitState['kind'], number>>>;
  /** Clock, epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Counter store. @default a new {@link MemoryRateLimitStore} (one process only) */
  readonly store?: RateLimitStore;
}

interface ResolvedRateLimiterOptions {
  readonly mode: 'off' | 'realistic' | 'scaled';
  readonly scale: number;
  readonly windowMs: Readonly<Partial<Record<RateLimitState['kind'], number>>>;
  readonly now: () => number;
  readonly store: RateLimitStore;
}

/** Defaults of {@link RateLimiterOptions}. */
export const defaultRateLimiterOptions = Object.freeze({
  mode: 'realistic',
  scale: 900,
});

const OPTION_KEYS = new Set(['mode', 'scale', 'windowMs', 'now', 'store']);

/**
 * Validates {@link RateLimiterOptions} and fills in defaults.
 * @throws {RateLimiterConfigError} for an unknown key, mode, or a bad scale/window.
 */
export function normalizeRateLimiterOptions(
  options: RateLimiterOptions = {},
): ResolvedRateLimiterOptions {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key))
      throw new RateLimiterConfigError(`unknown rate limiter option "${key}"`);
  }
  const mode = options.mode ?? defaultRateLimiterOptions.mode;
  if (mode !== 'off' && mode !== 'realistic' && mode !== 'scaled') {
    throw new RateLimiterConfigError(
      `rate limiter mode must be off, realistic or scaled, got "${String(mode)}"`,
    );
  }
  const scale = options.scale ?? defaultRateLimiterOptions.scale;
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new RateLimiterConfigError(`rate limiter scale must be a positive number, got ${scale}`);
  }
  const windowMs = options.windowMs ?? {};
  for (const [kind, ms] of Object.entries(windowMs)) {
    if (!(Number.isFinite(ms) && ms >= 1)) {
      throw new RateLimiterConfigError(`windowMs.${kind} must be at least 1 ms, got ${ms}`);
    }
  }
  const now = options.now ?? Date.now;
  return Object.freeze({
    mode,
    scale,
    windowMs,
    now,
    store: options.store ?? new MemoryRateLimitStore(now),
  });
}

/** A fixed-window rate limiter over a {@link RateLimitStore}. */
export interface RateLimiter {
  /** The resolved mode. */
  readonly mode: 'off' | 'realistic' | 'scaled';
  /**
   * Counts one request of `principal` against every rule (all or nothing)
   * and says whether it may proceed, with the header state to report.
   */
  check(principal: string, rules: readonly RateLimitRule[]): Promise<RateLimitDecision>;
  /** The window length a rule gets in this limiter's mode, in milliseconds. */
  windowOf(rule: RateLimitRule): number;
}

/**
 * Creates a rate limiter: fixed windows per (principal, rule bucket),
 * epoch-aligned (a daily window starts at 00:00 UTC), exact under
 * concurrency with an atomic store.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ mode: 'scaled', windowMs: { window: 1000 } });
 * const decision = await limiter.check('app-1', xRateLimitRules(xEndpoints.userTweets));
 * if (!decision.allowed) reply(x.formatProblem({ kind: 'rate_limited', state: decision.state! }));
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const opts = normalizeRateLimiterOptions(options);

  function windowOf(rule: RateLimitRule): number {
    if (opts.mode !== 'scaled') return rule.windowMs;
    const explicit = opts.windowMs[rule.kind];
    if (explicit !== undefined) return explicit;
    // Never below a second (or the real window when shorter): a per-second
    // quota divided by 900 would be no quota at all.
    return Math.max(Math.min(rule.windowMs, 1000), Math.round(rule.windowMs / opts.scale));
  }

  async function check(
    principal: string,
    rules: readonly RateLimitRule[],
  ): Promise<RateLimitDecision> {
    if (opts.mode === 'off' || rules.length === 0) return { allowed: true, states: [] };
    const now = opts.now();
    const windows = rules.map((rule) => {
      const length = windowOf(rule);
      const start = Math.floor(now / length) * length;
      return { rule, start, end: start + length };
    });
    const result = await opts.store.consume(
      windows.map((w) => ({
        // JSON keeps principals with any characters from colliding.
        key: JSON.stringify([principal, w.rule.bucket, w.start]),
        limit: w.rule.limit,
        expiresAt: w.end,
      })),
    );
    const states = windows.map((w, i): RateLimitState => {
      const used = result.counts[i] ?? 0;
      const limited = !result.allowed && used >= w.rule.limit;
      return {
        limit: w.rule.limit,
        remaining: Math.max(0, w.rule.limit - used),
        used,
        resetAt: w.end,
        kind: w.rule.kind,
        ...(w.rule.category === undefined ? {} : { category: w.rule.category }),
        limited,
        now,
      };
    });
    const refused = states.find((s) => s.limited);
    let state = refused;
    if (state === undefined) {
      // Report the longest window: Zoom shows its daily limit, X its 15 minutes.
      let best = 0;
      for (let i = 1; i < windows.length; i++) {
        if ((windows[i]?.rule.windowMs ?? 0) > (windows[best]?.rule.windowMs ?? 0)) best = i;
      }
      state = states[best];
    }
    return state === undefined
      ? { allowed: result.allowed, states }
      : { allowed: result.allowed, state, states };
  }

  return Object.freeze({ mode: opts.mode, check, windowOf });
}
