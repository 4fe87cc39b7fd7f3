import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitRule,
  type RateLimitStore,
} from 'pagewise/fastify';
import {
  X_WINDOW_MS,
  type XEndpoint,
  xRateLimitRules,
  type ZoomCategory,
  zoomRateLimitRules,
} from 'pagewise/styles';
import type { RateLimitMode } from '../emulator-options.js';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

/** Zoom plan whose quotas the emulator applies (WIRE.md §1.5): Pro, the usual plan of an API developer. */
export const EMULATED_ZOOM_PLAN = 'pro' as const;

/** Rules for one Zoom request of `category` (the server part's Pro-plan rules: per-second rate, shared Heavy daily cap). */
export function zoomRules(category: ZoomCategory): readonly RateLimitRule[] {
  return zoomRateLimitRules(category, EMULATED_ZOOM_PLAN);
}

/** Rules for one X request: the endpoint's per-app 15-minute window (bearer tokens are app tokens). */
export function xRules(name: string, endpoint: XEndpoint): readonly RateLimitRule[] {
  return xRateLimitRules({ ...endpoint, name }, 'app');
}

/**
 * The emulator's use of the server part's rate limiter: one limiter per
 * process, counting per principal. In `scaled` mode every window but the
 * per-second one is divided by `scale` (X's 15 minutes become 15 s at the
 * default 60), so a 429 and its reset can be seen in a test.
 */
export class ApiRateLimiter {
  readonly #limiter: RateLimiter;

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

  /** Counts one request of `scope` against `rules`. */
  check(scope: string, rules: readonly RateLimitRule[]): Promise<RateLimitDecision> {
    return this.#limiter.check(scope, rules);
  }
}
