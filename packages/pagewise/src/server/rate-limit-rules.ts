import { X_WINDOW_MS, type XEndpoint, type ZoomCategory } from '../styles/index.js';
import type { RateLimitRule } from './rate-limit-rule.js';

/** Zoom account plans with distinct rate limits (WIRE.md §1.5); `business` covers Business+. */
export type ZoomPlan = 'free' | 'pro' | 'business';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/**
 * Zoom's per-category request rates by plan (WIRE.md §1.5): requests per
 * second, except Resource-intensive, which is per minute.
 */
export const ZOOM_RATES: Readonly<
  Record<ZoomPlan, Readonly<Record<ZoomCategory, { limit: number; windowMs: number }>>>
> = Object.freeze({
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
> = Object.freeze({
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

/**
 * The rule of one X endpoint: a 15-minute window per principal and
 * endpoint, with the app (Bearer token) or user limit of WIRE.md §2.4.
 *
 * @param name Bucket name of the endpoint, e.g. `userTweets`.
 * @param auth @default 'app'
 */
export function xRateLimitRules(
  name: string,
  endpoint: XEndpoint,
  auth: 'app' | 'user' = 'app',
): readonly RateLimitRule[] {
  return Object.freeze([
    {
      bucket: `x:${name}`,
      limit: auth === 'app' ? endpoint.appLimit : endpoint.userLimit,
      windowMs: X_WINDOW_MS,
      kind: 'window',
    },
  ]);
}

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
      windowMs: options.windowMs ?? 60 * MINUTE,
      kind: 'window',
    },
  ]);
}
