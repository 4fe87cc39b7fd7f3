import type { RateLimitDecision, RateLimitRule } from '../../server/rate-limit-rule.js';
import { createRateLimiter, type RateLimiter } from '../../server/rate-limiter.js';
import { X_WINDOW_MS, type XEndpoint, type ZoomCategory } from '../../styles/index.js';
import type { RateLimitMode } from '../emulator-options.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400 * SECOND;

/**
 * Zoom quotas of the emulated account, from WIRE.md §1.5 (the Pro plan,
 * the usual plan of an API developer): per-second limits per category, and
 * the daily cap Heavy and Resource-intensive share. Light and Medium have no
 * daily cap on Pro.
 */
export const ZOOM_PRO_LIMITS: Readonly<Record<ZoomCategory, { limit: number; windowMs: number }>> =
  Object.freeze({
    Light: { limit: 30, windowMs: SECOND },
    Medium: { limit: 20, windowMs: SECOND },
    Heavy: { limit: 10, windowMs: SECOND },
    'Resource-intensive': { limit: 10, windowMs: MINUTE },
  });
/** Pro's shared daily cap of Heavy and Resource-intensive requests. */
export const ZOOM_PRO_HEAVY_DAILY = 30_000;

/** Rules for one Zoom request of `category`. */
export function zoomRules(category: ZoomCategory): RateLimitRule[] {
  const q = ZOOM_PRO_LIMITS[category];
  const rules: RateLimitRule[] = [
    { bucket: `zoom:${category}:qps`, limit: q.limit, windowMs: q.windowMs, kind: 'qps', category },
  ];
  if (category === 'Heavy' || category === 'Resource-intensive') {
    rules.push({
      bucket: 'zoom:heavy-daily',
      limit: ZOOM_PRO_HEAVY_DAILY,
      windowMs: DAY,
      kind: 'daily',
      category,
    });
  }
  return rules;
}

/** Rules for one X request: the endpoint's per-app 15-minute window (bearer tokens are app tokens). */
export function xRules(name: string, endpoint: Pick<XEndpoint, 'appLimit'>): RateLimitRule[] {
  return [{ bucket: `x:${name}`, limit: endpoint.appLimit, windowMs: X_WINDOW_MS, kind: 'window' }];
}

/**
 * The emulator's use of the server part's rate limiter: one limiter per
 * process, counting per principal. In `scaled` mode every window but the
 * per-second one is divided by `scale` (X's 15 minutes become 15 s at the
 * default 60), so a 429 and its reset can be seen in a test.
 */
export class ApiRateLimiter {
  readonly #limiter: RateLimiter;

  constructor(mode: RateLimitMode, scale: number, now: () => number) {
    this.#limiter = createRateLimiter({
      mode,
      now,
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
