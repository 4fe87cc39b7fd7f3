import { readLinkRateLimit } from '../styles/link/link-rate-limit.js';
import { headerNumber, headerValue, parseRetryAfter } from '../styles/query-input.js';
import { readXRateLimit } from '../styles/x/x-rate-limit.js';
import { readZoomRateLimit } from '../styles/zoom/zoom-rate-limit.js';

/** What a response says about the rate limit, in absolute epoch milliseconds. */
export interface RateLimitInfo {
  readonly limit?: number;
  readonly remaining?: number;
  /** When the window resets (from `X-RateLimit-Reset` / `x-rate-limit-reset`). */
  readonly resetAt?: number;
  /** When to retry (from `Retry-After`). */
  readonly retryAt?: number;
  /** Zoom's `X-RateLimit-Type: Daily-limit`: not a wait to sleep through. */
  readonly daily: boolean;
}

/**
 * Reads every rate-limit header format pagewise knows, without knowing which
 * API answered: X's `x-rate-limit-*`, GitHub's (and Zoom's) `X-RateLimit-*`
 * and Zoom's `X-RateLimit-Type` through the wire styles' readers, `Retry-After`
 * (delta seconds, HTTP-date, or the ISO-8601 datetime Zoom sends on daily
 * limits) through the styles' parser, and, client-only because no style
 * writes them, the IETF draft `RateLimit-*` headers (delta seconds).
 * Where several formats are sent, X's wins, then GitHub's, then the IETF one.
 */
export function readRateLimit(headers: Headers, now: number): RateLimitInfo {
  // No status here: X's reader would take its reset as the retry time on a
  // 429, but the client retries at a reset only when `remaining` is 0 (fetch-page).
  const x = readXRateLimit(headers);
  const github = readLinkRateLimit(headers, now);
  const limit = x.limit ?? github.limit ?? headerNumber(headers, 'ratelimit-limit');
  const remaining = x.remaining ?? github.remaining ?? headerNumber(headers, 'ratelimit-remaining');
  const ietfReset = headerNumber(headers, 'ratelimit-reset');
  const reset =
    x.resetAt ?? github.resetAt ?? (ietfReset === undefined ? undefined : ietfReset * 1000);
  const retryAt = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(reset === undefined ? {} : { resetAt: correctReset(reset, now) }),
    ...(retryAt === undefined ? {} : { retryAt }),
    daily: readZoomRateLimit(headers, now).daily === true,
  };
}

/**
 * The styles read a reset header as epoch seconds (what X and GitHub send), so
 * `resetAt` is that value × 1000. APIs met in the wild send other things under
 * the same names: seconds from now (IETF `RateLimit-Reset`, some gateways)
 * when small, epoch milliseconds when huge. Undo the style's reading for those.
 */
function correctReset(resetAt: number, now: number): number {
  if (resetAt > 1e15) return resetAt / 1000; // the header was epoch milliseconds
  if (resetAt > 1e12) return resetAt; // epoch seconds, as the style read it
  return now + resetAt; // seconds from now
}

/** Next 00:00 UTC after `now`: when Zoom's daily limits reset (WIRE.md 1.5). */
export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
