import { headerNumber, headerValue, parseRetryAfter } from '../query-input.js';
import type { HeaderInput, RateLimitReading, RateLimitRule, RateLimitState } from '../types.js';
import { isoSeconds } from '../wire-time.js';
import type { ZoomCategory } from './zoom-endpoints.js';

/** Zoom account plans with distinct rate limits (WIRE.md §1.5); `business` covers Business+. */
export type ZoomPlan = 'free' | 'pro' | 'business';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/**
 * Whether a per-second (QPS) 429 carries `Retry-After`: UNCONFIRMED (WIRE.md
 * §1.5; a third-party note says it does not). We follow that note and send
 * none; the daily 429 always carries Zoom's ISO-8601 `Retry-After`.
 */
export const ZOOM_QPS_RETRY_AFTER = false;

/**
 * Zoom's per-category request rates by plan (WIRE.md §1.5): requests per
 * second, except Resource-intensive, which is per minute.
 */
export const ZOOM_RATES: Readonly<
  Record<ZoomPlan, Readonly<Record<ZoomCategory, { limit: number; windowMs: number }>>>
> = /* @__PURE__ */ Object.freeze({
  free: {
    Light: { limit: 4, windowMs: SECOND },
    Medium: { limit: 2, windowMs: SECOND },
    Heavy: { limit: 1, windowMs: SECOND },
    'Resource-intensive': { limit: 10, windowMs: MINUTE },
  },
  pro: {
    Light: { limit: 30, windowMs: SECOND },
    Medium: { limit: 20, windowMs: SECOND },
    Heavy: { limit: 10, windowMs: SECOND },
    'Resource-intensive': { limit: 10, windowMs: MINUTE },
  },
  business: {
    Light: { limit: 80, windowMs: SECOND },
    Medium: { limit: 60, windowMs: SECOND },
    Heavy: { limit: 40, windowMs: SECOND },
    'Resource-intensive': { limit: 20, windowMs: MINUTE },
  },
});

/**
 * Zoom's daily caps (WIRE.md §1.5). Free: one cap per category. Pro and
 * Business+: Heavy and Resource-intensive share one cap (30,000 / 60,000);
 * Light and Medium have none.
 */
export const ZOOM_DAILY_CAPS: Readonly<
  Record<ZoomPlan, Readonly<Partial<Record<ZoomCategory, { limit: number; bucket: string }>>>>
> = /* @__PURE__ */ Object.freeze({
  free: {
    Light: { limit: 6000, bucket: 'Light' },
    Medium: { limit: 2000, bucket: 'Medium' },
    Heavy: { limit: 1000, bucket: 'Heavy' },
    'Resource-intensive': { limit: 30000, bucket: 'Resource-intensive' },
  },
  pro: {
    Heavy: { limit: 30000, bucket: 'Heavy+Resource-intensive' },
    'Resource-intensive': { limit: 30000, bucket: 'Heavy+Resource-intensive' },
  },
  business: {
    Heavy: { limit: 60000, bucket: 'Heavy+Resource-intensive' },
    'Resource-intensive': { limit: 60000, bucket: 'Heavy+Resource-intensive' },
  },
});

/**
 * The rules of one Zoom request: the category's per-second (or per-minute)
 * rate and, where the plan has one, the daily cap (reset 00:00 UTC). Zoom
 * counts per account and per category, not per endpoint, so every endpoint
 * of a category shares these buckets: use the account as the principal.
 *
 * @param plan @default 'pro'
 */
export function zoomRateLimitRules(
  category: ZoomCategory,
  plan: ZoomPlan = 'pro',
): readonly RateLimitRule[] {
  const rate = ZOOM_RATES[plan][category];
  const rules: RateLimitRule[] = [
    {
      bucket: `zoom:${category}:rate`,
      limit: rate.limit,
      windowMs: rate.windowMs,
      kind: 'qps',
      category,
    },
  ];
  const daily = ZOOM_DAILY_CAPS[plan][category];
  if (daily !== undefined) {
    rules.push({
      bucket: `zoom:${daily.bucket}:daily`,
      limit: daily.limit,
      windowMs: DAY,
      kind: 'daily',
      category,
    });
  }
  return Object.freeze(rules);
}

/** Zoom's `X-RateLimit-*` headers for a bucket state; `Retry-After` (ISO-8601) on a daily 429. */
export function zoomRateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Category': state.category ?? 'Light',
    'X-RateLimit-Type': state.kind === 'daily' ? 'Daily-limit' : 'QPS',
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(Math.max(0, state.remaining)),
  };
  if (state.limited && (state.kind === 'daily' || ZOOM_QPS_RETRY_AFTER)) {
    headers['Retry-After'] = isoSeconds(state.resetAt);
  }
  return headers;
}

/**
 * Reads Zoom's rate-limit headers: `X-RateLimit-Limit`, `-Remaining`,
 * `-Type` (`QPS` or `Daily-limit`, read loosely as any type naming "daily"),
 * `-Category` and `Retry-After` (seconds or Zoom's ISO-8601 date), which is
 * also when the limit resets. Every field only when sent.
 * @example
 * ```ts
 * readZoomRateLimit({ 'x-ratelimit-type': 'Daily-limit' }, Date.now()).daily; // true
 * ```
 */
export function readZoomRateLimit(h: HeaderInput, now: number): RateLimitReading {
  const out: { -readonly [K in keyof RateLimitReading]: RateLimitReading[K] } = {};
  const limit = headerNumber(h, 'x-ratelimit-limit');
  const remaining = headerNumber(h, 'x-ratelimit-remaining');
  const retryAt = parseRetryAfter(headerValue(h, 'retry-after'), now);
  const type = headerValue(h, 'x-ratelimit-type');
  const category = headerValue(h, 'x-ratelimit-category');
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (retryAt !== undefined) {
    out.retryAt = retryAt;
    out.resetAt = retryAt;
  }
  if (type !== undefined) out.type = type;
  if (category !== undefined) out.category = category;
  if (type !== undefined && /daily/i.test(type)) out.daily = true;
  return out;
}
