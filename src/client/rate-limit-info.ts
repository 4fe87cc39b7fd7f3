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

const LIMIT = ['x-rate-limit-limit', 'x-ratelimit-limit', 'ratelimit-limit'];
const REMAINING = ['x-rate-limit-remaining', 'x-ratelimit-remaining', 'ratelimit-remaining'];
const RESET = ['x-rate-limit-reset', 'x-ratelimit-reset', 'ratelimit-reset'];

/**
 * Reads every rate-limit header format pagewise knows: `Retry-After` (delta
 * seconds, HTTP-date, or the ISO-8601 datetime Zoom sends on daily limits),
 * `X-RateLimit-*` (GitHub, Zoom), `x-rate-limit-*` (X, epoch seconds),
 * IETF `RateLimit-*` (delta seconds) and Zoom's `X-RateLimit-Type`.
 */
export function readRateLimit(headers: Headers, now: number): RateLimitInfo {
  const limit = firstNumber(headers, LIMIT);
  const remaining = firstNumber(headers, REMAINING);
  const resetRaw = firstNumber(headers, RESET);
  const retryAfter = headers.get('retry-after');
  const retryAt = retryAfter === null ? undefined : parseRetryAfter(retryAfter, now);
  const type = headers.get('x-ratelimit-type') ?? '';
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetRaw === undefined ? {} : { resetAt: resetToEpochMs(resetRaw, now) }),
    ...(retryAt === undefined ? {} : { retryAt }),
    daily: /daily/i.test(type),
  };
}

/**
 * Parses `Retry-After`: whole or fractional seconds, an HTTP-date, or an
 * ISO-8601 datetime. Returns epoch ms, or `undefined` when unreadable.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return now + Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * A reset header is epoch seconds (X, GitHub) when large, else seconds from
 * now (IETF `RateLimit-Reset`, some gateways). Epoch milliseconds are accepted too.
 */
export function resetToEpochMs(value: number, now: number): number {
  if (value > 1e12) return value;
  if (value > 1e9) return value * 1000;
  return now + value * 1000;
}

/** Next 00:00 UTC after `now`: when Zoom's daily limits reset (WIRE.md 1.5). */
export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

function firstNumber(headers: Headers, names: readonly string[]): number | undefined {
  for (const name of names) {
    const raw = headers.get(name);
    if (raw === null) continue;
    const n = Number(raw.split(',')[0]?.trim());
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}
