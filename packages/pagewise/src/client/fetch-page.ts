import { backoffDelay, isRetryableStatus, type RetryPolicy } from './backoff.js';
import {
  AbortedError,
  HttpError,
  InvalidPageTokenError,
  MalformedResponseError,
  NetworkError,
  RateLimitError,
} from './client-errors.js';
import type { Clock } from './clock.js';
import type { Cursor } from './cursor.js';
import type { RateLimitGovernor } from './governor.js';
import type { ResponseMeta } from './page.js';
import type { Preset } from './presets.js';
import { nextUtcMidnight, readRateLimit } from './rate-limit-info.js';
import type { TimeoutSignals } from './timeout-signals.js';

/** The structural subset of `fetch` the client uses (inject a fake in tests). */
export type FetchLike = (
  input: string,
  init: { headers: Headers; signal: AbortSignal; method: 'GET' },
) => Promise<Response>;

/** Everything one page request needs, resolved once per paginator. */
export interface FetchContext {
  readonly fetch: FetchLike;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retry: RetryPolicy;
  /** Most retries of 429s (each waits as the server says). */
  readonly rateLimitRetries: number;
  readonly maxWaitMs: number;
  readonly timeoutMs: number;
  /** Per-request timeout signals, reused between requests (see {@link TimeoutSignals}). */
  readonly timeouts: TimeoutSignals;
  readonly governor: RateLimitGovernor;
  readonly preset: Pick<Preset, 'isInvalidToken' | 'bodyError'>;
  readonly cursorParams: readonly string[];
}

/** A successful response with its parsed JSON body. */
export interface FetchedPage {
  readonly body: unknown;
  readonly meta: ResponseMeta;
}

const REQUEST_ID_HEADERS = [
  'x-request-id',
  'x-zm-trackingid',
  'x-github-request-id',
  'request-id',
  'x-transaction-id',
  'x-amzn-requestid',
];

/**
 * Fetches one page: waits for the governor, retries network errors, 408,
 * 429 and 5xx with full-jitter backoff (bounded), and turns everything else
 * into a typed error carrying `cursor` (the page to resume from).
 */
export async function fetchPage(ctx: FetchContext, url: URL, cursor: Cursor): Promise<FetchedPage> {
  const href = url.href;
  let failures = 0;
  let limited = 0;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(ctx.signal, cursor);
    const slot = ctx.governor.reserve(ctx.clock.now());
    if (slot.waitMs > ctx.maxWaitMs) {
      throw new RateLimitError(
        { resetAt: slot.resetAt, waitMs: slot.waitMs, maxWaitMs: ctx.maxWaitMs, scope: slot.scope },
        { cursor },
      );
    }
    if (slot.waitMs > 0) await sleep(ctx, slot.waitMs, cursor);

    let response: Response;
    let text: string;
    try {
      ({ response, text } = await send(ctx, href));
    } catch (error) {
      if (ctx.signal?.aborted) throw new AbortedError({ cursor, cause: ctx.signal.reason });
      failures++;
      if (failures >= ctx.retry.attempts) {
        throw new NetworkError(href, attempt, { cursor, cause: error });
      }
      await sleep(ctx, backoffDelay(failures - 1, ctx.retry, ctx.random), cursor);
      continue;
    }

    const now = ctx.clock.now();
    const info = readRateLimit(response.headers, now);
    ctx.governor.observe(info);
    const meta: ResponseMeta = {
      status: response.status,
      headers: response.headers,
      requestId: requestId(response.headers),
      url: href,
      attempts: attempt,
    };

    if (response.ok) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new MalformedResponseError(
          `HTTP ${response.status} body is not JSON (${text.slice(0, 80)})`,
          { cursor, cause: error },
        );
      }
      const bodyError = ctx.preset.bodyError?.(body);
      if (bodyError === undefined) return { body, meta };
      if (bodyError.invalidToken && isTokenRequest(ctx, url)) {
        throw new InvalidPageTokenError({ status: response.status, body: text }, { cursor });
      }
      throw httpError(meta, text, cursor);
    }

    // GitHub answers an exhausted primary limit with 403 + remaining 0.
    const rateLimited =
      response.status === 429 || (response.status === 403 && info.remaining === 0);
    if (rateLimited) {
      limited++;
      const scope = info.daily ? 'daily' : 'window';
      let retryAt =
        info.retryAt ??
        (info.remaining === 0 ? info.resetAt : undefined) ??
        (info.daily ? nextUtcMidnight(now) : undefined);
      // A 429 without any time (Zoom QPS limits): back off, at least one base delay.
      retryAt ??= now + ctx.retry.baseDelayMs + backoffDelay(limited, ctx.retry, ctx.random);
      ctx.governor.block(retryAt, scope);
      if (retryAt - now > ctx.maxWaitMs || limited > ctx.rateLimitRetries) {
        throw new RateLimitError(
          { resetAt: retryAt, waitMs: retryAt - now, maxWaitMs: ctx.maxWaitMs, scope },
          { cursor },
        );
      }
      attempt--; // a 429 the server told us to wait out is not a failed attempt
      continue;
    }

    if (isRetryableStatus(response.status)) {
      failures++;
      if (failures >= ctx.retry.attempts) {
        throw httpError(meta, text, cursor);
      }
      const backoff = backoffDelay(failures - 1, ctx.retry, ctx.random);
      const told = info.retryAt === undefined ? 0 : Math.min(info.retryAt - now, ctx.maxWaitMs);
      await sleep(ctx, Math.max(backoff, told), cursor);
      continue;
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isTokenRequest(ctx, url) && isInvalidToken(ctx, response.status, parsed, text)) {
      throw new InvalidPageTokenError({ status: response.status, body: text }, { cursor });
    }
    throw httpError(meta, text, cursor);
  }
}

async function send(
  ctx: FetchContext,
  href: string,
): Promise<{ response: Response; text: string }> {
  // A per-request timeout, so a stalled connection is retried instead of hanging the walk.
  const lease = ctx.timeouts.acquire(ctx.signal);
  const timer = setTimeout(
    () => lease.controller.abort(new Error(`no response within ${ctx.timeoutMs} ms`)),
    ctx.timeoutMs,
  );
  try {
    const response = await ctx.fetch(href, {
      headers: ctx.headers,
      signal: lease.signal,
      method: 'GET',
    });
    // Reading the body inside the try: a connection reset mid-body is a network error.
    const text = await response.text();
    return { response, text };
  } finally {
    clearTimeout(timer);
    ctx.timeouts.release(lease);
  }
}

function isTokenRequest(ctx: FetchContext, url: URL): boolean {
  return ctx.cursorParams.some((name) => url.searchParams.has(name));
}

function isInvalidToken(ctx: FetchContext, status: number, body: unknown, text: string): boolean {
  if (ctx.preset.isInvalidToken) return ctx.preset.isInvalidToken(status, body);
  // Without a preset rule: a 400/410 that names the cursor parameter.
  return (status === 400 || status === 410) && ctx.cursorParams.some((p) => text.includes(p));
}

function requestId(headers: Headers): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null) return value;
  }
  return null;
}

async function sleep(ctx: FetchContext, ms: number, cursor: Cursor): Promise<void> {
  try {
    await ctx.clock.sleep(ms, ctx.signal);
  } catch (error) {
    throw new AbortedError({ cursor, cause: error });
  }
}

function throwIfAborted(signal: AbortSignal | undefined, cursor: Cursor): void {
  if (signal?.aborted) throw new AbortedError({ cursor, cause: signal.reason });
}

/** The typed error for an answer that is neither a page nor worth retrying. */
function httpError(meta: ResponseMeta, text: string, cursor: Cursor): HttpError {
  return new HttpError(
    {
      status: meta.status,
      body: text,
      requestId: meta.requestId,
      url: meta.url,
      attempts: meta.attempts,
    },
    { cursor },
  );
}
