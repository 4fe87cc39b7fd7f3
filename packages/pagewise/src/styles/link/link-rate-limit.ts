import { headerNumber, headerValue, parseRetryAfter } from '../query-input.js';
import type { HeaderInput, RateLimitReading, RateLimitRule, RateLimitState } from '../types.js';

/**
 * A GitHub-like quota for the Link style: one bucket per principal.
 * @param options.limit @default 5000
 * @param options.windowMs @default 3600000 (one hour)
 * @param options.bucket @default 'core'
 */
export function linkRateLimitRules(
  options: { limit?: number; windowMs?: number; bucket?: string } = {},
): readonly RateLimitRule[] {
  return Object.freeze([
    {
      bucket: `link:${options.bucket ?? 'core'}`,
      limit: options.limit ?? 5000,
      windowMs: options.windowMs ?? 60 * 60 * 1000,
      kind: 'window',
    },
  ]);
}

/** GitHub's `x-ratelimit-*` headers; `retry-after` seconds on a 429. */
export function linkRateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(Math.max(0, state.remaining)),
    'x-ratelimit-reset': String(Math.ceil(state.resetAt / 1000)),
    'x-ratelimit-used': String(state.used),
  };
  if (state.limited) {
    headers['retry-after'] = String(Math.max(0, Math.ceil((state.resetAt - state.now) / 1000)));
  }
  return headers;
}

/**
 * Reads GitHub's `x-ratelimit-limit`, `-remaining` and `-reset` (epoch
 * seconds) and `retry-after` (seconds, or a date). Every field only when sent.
 */
export function readLinkRateLimit(h: HeaderInput, now: number): RateLimitReading {
  const limit = headerNumber(h, 'x-ratelimit-limit');
  const remaining = headerNumber(h, 'x-ratelimit-remaining');
  const reset = headerNumber(h, 'x-ratelimit-reset');
  const retryAt = parseRetryAfter(headerValue(h, 'retry-after'), now);
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined ? { resetAt: reset * 1000 } : {}),
    ...(retryAt !== undefined ? { retryAt } : {}),
  };
}
