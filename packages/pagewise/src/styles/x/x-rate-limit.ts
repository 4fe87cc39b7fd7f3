import { headerNumber } from '../query-input.js';
import type { HeaderInput, RateLimitReading, RateLimitRule, RateLimitState } from '../types.js';
import { X_WINDOW_MS, type XEndpoint } from './x-endpoints.js';

/**
 * The rule of one X endpoint: a 15-minute window per principal and
 * endpoint, with the app (Bearer token) or user limit of WIRE.md §2.4.
 *
 * @param auth - whose token the request carries @default 'app'
 */
export function xRateLimitRules(
  endpoint: XEndpoint,
  auth: 'app' | 'user' = 'app',
): readonly RateLimitRule[] {
  return Object.freeze([
    {
      bucket: `x:${endpoint.name}`,
      limit: auth === 'app' ? endpoint.appLimit : endpoint.userLimit,
      windowMs: X_WINDOW_MS,
      kind: 'window',
    },
  ]);
}

/** X's `x-rate-limit-limit`, `-remaining` and `-reset` (epoch seconds, rounded up); no `Retry-After`. */
export function xRateLimitHeaders(state: RateLimitState): Record<string, string> {
  // Rounded up so a client sleeping until then is past the reset.
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(Math.max(0, state.remaining)),
    'x-rate-limit-reset': String(Math.ceil(state.resetAt / 1000)),
  };
}

/**
 * Reads X's `x-rate-limit-limit`, `-remaining` and `-reset` (epoch seconds).
 * X sends no `Retry-After`: on a 429 (`status`) the reset is also when to
 * retry, as tweepy does. Every field only when sent.
 */
export function readXRateLimit(h: HeaderInput, status?: number): RateLimitReading {
  const limit = headerNumber(h, 'x-rate-limit-limit');
  const remaining = headerNumber(h, 'x-rate-limit-remaining');
  const reset = headerNumber(h, 'x-rate-limit-reset');
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined ? { resetAt: reset * 1000 } : {}),
    ...(reset !== undefined && status === 429 ? { retryAt: reset * 1000 } : {}),
  };
}
