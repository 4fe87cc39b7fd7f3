/**
 * How long a 429 asks the caller to wait, in ms from `now`, read from every
 * header format in WIRE.md:
 * - `Retry-After`: seconds, an HTTP date, or (Zoom daily limit) an ISO-8601 date-time;
 * - `x-rate-limit-reset` (X): epoch seconds of the window reset;
 * - `X-RateLimit-Reset` / `RateLimit-Reset`: epoch seconds if large, else seconds from now.
 * Zoom's per-second 429s may carry none of these: then one second.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  for (const name of ['x-rate-limit-reset', 'x-ratelimit-reset', 'ratelimit-reset']) {
    const value = headers.get(name);
    if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) continue;
    const n = Number(value);
    // Epoch seconds are ~1.7e9; a delta is small.
    return n > 1_000_000_000 ? Math.max(0, n * 1000 - now) : Math.ceil(n * 1000);
  }
  return 1000;
}
