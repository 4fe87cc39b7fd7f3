import { PAGEWISE_BRAND, PagewiseError } from '../errors/index.js';
import type { Cursor } from './cursor.js';

/** Largest response body (in characters) kept on an {@link HttpError}. */
export const MAX_ERROR_BODY_CHARS = 4096;

/** Context shared by the client's errors: where to resume from. */
export interface ClientErrorContext {
  /**
   * The cursor to resume from: pass it as `options.startAt` (or rely on the
   * checkpoint) to continue with the page that failed. `null` when the walk
   * cannot be resumed from a cursor (e.g. the list must be restarted).
   */
  readonly cursor?: Cursor | null;
  readonly cause?: unknown;
}

/**
 * Base of every error thrown by `paginate()`. Carries the cursor of the page
 * that could not be fetched, so the walk can be resumed exactly there.
 */
export class PaginationError extends PagewiseError {
  /** Cursor of the page that failed (the resume point), or `null`. */
  readonly cursor: Cursor | null;

  constructor(code: string, message: string, context: ClientErrorContext = {}) {
    super(code, message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'PaginationError';
    this.cursor = context.cursor ?? null;
  }
}

/** A non-retryable HTTP status, or a retryable one after the last attempt. */
export class HttpError extends PaginationError {
  readonly status: number;
  /** Response body as text, cut to {@link MAX_ERROR_BODY_CHARS}. */
  readonly body: string;
  /** The server's request id (`x-request-id`, `x-zm-trackingid`, …) when sent. */
  readonly requestId: string | null;
  readonly url: string;

  constructor(
    init: { status: number; body: string; requestId: string | null; url: string; attempts: number },
    context: ClientErrorContext = {},
  ) {
    super(
      'http_error',
      `GET ${redact(init.url)} answered HTTP ${init.status} after ${init.attempts} attempt(s)` +
        `${init.requestId ? ` (request id ${init.requestId})` : ''}: ${init.body.slice(0, 200)}. ` +
        'Fix the request (status 4xx) or resume later from error.cursor (status 5xx).',
      context,
    );
    this.name = 'HttpError';
    this.status = init.status;
    this.body = init.body.slice(0, MAX_ERROR_BODY_CHARS);
    this.requestId = init.requestId;
    this.url = init.url;
  }
}

/** The connection failed (reset, refused, timeout) on every attempt. */
export class NetworkError extends PaginationError {
  readonly attempts: number;
  constructor(url: string, attempts: number, context: ClientErrorContext = {}) {
    super(
      'network_error',
      `GET ${redact(url)} failed at the network level ${attempts} time(s) ` +
        `(${describe(context.cause)}). Check connectivity, then resume from error.cursor.`,
      context,
    );
    this.name = 'NetworkError';
    this.attempts = attempts;
  }
}

/** Waiting for the rate limit to reset would take longer than `maxWait`. */
export class RateLimitError extends PaginationError {
  /** When the limit resets (epoch ms), when known. */
  readonly resetAt: number | null;
  /** `daily` for Zoom's `X-RateLimit-Type: Daily-limit`, else `window`. */
  readonly scope: 'daily' | 'window';
  constructor(
    init: { resetAt: number | null; waitMs: number; maxWaitMs: number; scope: 'daily' | 'window' },
    context: ClientErrorContext = {},
  ) {
    super(
      'rate_limited',
      `The ${init.scope === 'daily' ? 'daily ' : ''}rate limit is exhausted; the next request ` +
        `would wait ${Math.ceil(init.waitMs / 1000)} s` +
        `${init.resetAt === null ? '' : ` (reset at ${new Date(init.resetAt).toISOString()})`}, ` +
        `more than maxWait (${Math.ceil(init.maxWaitMs / 1000)} s). Resume from error.cursor after the reset, or raise maxWait.`,
      context,
    );
    this.name = 'RateLimitError';
    this.resetAt = init.resetAt;
    this.scope = init.scope;
  }
}

/** The API rejected the page token as invalid or expired and no automatic recovery applies. */
export class InvalidPageTokenError extends PaginationError {
  readonly status: number;
  readonly body: string;
  constructor(init: { status: number; body: string }, context: ClientErrorContext = {}) {
    super(
      'invalid_page_token',
      `The API rejected the page token as invalid or expired (HTTP ${init.status}: ` +
        `${init.body.slice(0, 200)}). Page tokens expire (Zoom: 15 min); restart the list, ` +
        'or narrow it with a time/id window starting after the last item you kept.',
      context,
    );
    this.name = 'InvalidPageTokenError';
    this.status = init.status;
    this.body = init.body.slice(0, MAX_ERROR_BODY_CHARS);
  }
}

/** The response is not what the strategy expects (no items array, non-JSON body, token of the wrong type…). */
export class MalformedResponseError extends PaginationError {
  constructor(reason: string, context: ClientErrorContext = {}) {
    super(
      'malformed_response',
      `The response does not have the expected shape: ${reason}. Check the preset/strategy ` +
        'and the items path, or resume from error.cursor if the server misbehaved briefly.',
      context,
    );
    this.name = 'MalformedResponseError';
  }
}

/** The API returned a page token it had already returned: following it would loop forever. */
export class CursorCycleError extends PaginationError {
  constructor(token: string, context: ClientErrorContext = {}) {
    super(
      'cursor_cycle',
      `The API returned the page token ${JSON.stringify(token.slice(0, 64))} a second time; ` +
        'following it would loop forever. This is a server bug; report it.',
      context,
    );
    this.name = 'CursorCycleError';
  }
}

/** Consecutive pages held only items already seen: the walk is not advancing. */
export class RepeatedItemsError extends PaginationError {
  readonly pages: number;
  constructor(pages: number, context: ClientErrorContext = {}) {
    super(
      'repeated_items',
      `${pages} page(s) in a row held only items already seen: the list is not advancing ` +
        '(cursor ignored by the server, or heavy drift under OFFSET paging).',
      context,
    );
    this.name = 'RepeatedItemsError';
    this.pages = pages;
  }
}

/** Too many consecutive empty pages that still carried a next token. */
export class EmptyPagesError extends PaginationError {
  readonly pages: number;
  constructor(pages: number, context: ClientErrorContext = {}) {
    super(
      'too_many_empty_pages',
      `${pages} empty pages in a row still carried a next token. Raise guards.maxEmptyPages ` +
        'if the API is known to do this, or resume from error.cursor.',
      context,
    );
    this.name = 'EmptyPagesError';
    this.pages = pages;
  }
}

/** A page-number walk saw `total_records` change: rows may have been skipped or repeated. */
export class TotalChangedError extends PaginationError {
  readonly before: number;
  readonly after: number;
  constructor(before: number, after: number, context: ClientErrorContext = {}) {
    super(
      'total_changed',
      `total_records changed from ${before} to ${after} during a page-number walk, so rows ` +
        'shifted between pages and some may be skipped or repeated. Use token pagination, or ' +
        'pass onTotalChange to accept the drift.',
      context,
    );
    this.name = 'TotalChangedError';
    this.before = before;
    this.after = after;
  }
}

/** The walk was aborted through its `AbortSignal`. The checkpoint (if any) stays valid. */
export class AbortedError extends PaginationError {
  constructor(context: ClientErrorContext = {}) {
    super('aborted', 'The walk was aborted by its AbortSignal; resume from error.cursor.', context);
    this.name = 'AbortedError';
  }
}

/** `collect({ limit })` found more items than the limit. */
export class CollectLimitError extends PaginationError {
  readonly limit: number;
  constructor(limit: number, context: ClientErrorContext = {}) {
    super(
      'collect_limit_exceeded',
      `The list holds more than ${limit} items. Iterate it as a stream instead, raise the ` +
        'limit, or pass truncate: true to keep the first items only.',
      context,
    );
    this.name = 'CollectLimitError';
    this.limit = limit;
  }
}

/** The stored checkpoint belongs to another request, or cannot be read. */
export class CheckpointError extends PaginationError {
  constructor(reason: string, context: ClientErrorContext = {}) {
    super(
      'checkpoint_invalid',
      `The checkpoint cannot be used: ${reason}. Delete it (store.delete(key)) to start over.`,
      context,
    );
    this.name = 'CheckpointError';
  }
}

/** An option of `paginate()` is invalid. */
export class ClientOptionsError extends PaginationError {
  constructor(reason: string) {
    super('invalid_client_options', `Invalid paginate() options: ${reason}.`);
    this.name = 'ClientOptionsError';
  }
}

/** Every client error code, for catalogue checks. */
export const CLIENT_ERROR_CODES = [
  'http_error',
  'network_error',
  'rate_limited',
  'invalid_page_token',
  'malformed_response',
  'cursor_cycle',
  'repeated_items',
  'too_many_empty_pages',
  'total_changed',
  'aborted',
  'collect_limit_exceeded',
  'checkpoint_invalid',
  'invalid_client_options',
] as const;

/** A client error code. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

function guard<E extends PaginationError>(name: string, code: string) {
  return (value: unknown): value is E =>
    value instanceof Error &&
    value.name === name &&
    (value as { code?: unknown }).code === code &&
    (value as unknown as Record<symbol, unknown>)[PAGEWISE_BRAND] === true;
}

/** True for any client error (also across realms). */
export function isPaginationError(value: unknown): value is PaginationError {
  return (
    value instanceof PaginationError ||
    (value instanceof Error &&
      (CLIENT_ERROR_CODES as readonly unknown[]).includes((value as { code?: unknown }).code) &&
      (value as unknown as Record<symbol, unknown>)[PAGEWISE_BRAND] === true)
  );
}
/** True for an {@link HttpError}. */
export const isHttpError = guard<HttpError>('HttpError', 'http_error');
/** True for a {@link NetworkError}. */
export const isNetworkError = guard<NetworkError>('NetworkError', 'network_error');
/** True for a {@link RateLimitError}. */
export const isRateLimitError = guard<RateLimitError>('RateLimitError', 'rate_limited');
/** True for an {@link InvalidPageTokenError}. */
export const isInvalidPageTokenError = guard<InvalidPageTokenError>(
  'InvalidPageTokenError',
  'invalid_page_token',
);
/** True for a {@link MalformedResponseError}. */
export const isMalformedResponseError = guard<MalformedResponseError>(
  'MalformedResponseError',
  'malformed_response',
);
/** True for a {@link CursorCycleError}. */
export const isCursorCycleError = guard<CursorCycleError>('CursorCycleError', 'cursor_cycle');
/** True for a {@link RepeatedItemsError}. */
export const isRepeatedItemsError = guard<RepeatedItemsError>(
  'RepeatedItemsError',
  'repeated_items',
);
/** True for an {@link EmptyPagesError}. */
export const isEmptyPagesError = guard<EmptyPagesError>('EmptyPagesError', 'too_many_empty_pages');
/** True for a {@link TotalChangedError}. */
export const isTotalChangedError = guard<TotalChangedError>('TotalChangedError', 'total_changed');
/** True for an {@link AbortedError}. */
export const isAbortedError = guard<AbortedError>('AbortedError', 'aborted');
/** True for a {@link CollectLimitError}. */
export const isCollectLimitError = guard<CollectLimitError>(
  'CollectLimitError',
  'collect_limit_exceeded',
);
/** True for a {@link CheckpointError}. */
export const isCheckpointError = guard<CheckpointError>('CheckpointError', 'checkpoint_invalid');

/** Drops credentials that some APIs accept in the query string from URLs shown in messages. */
function redact(url: string): string {
  return url.replace(/([?&](?:access_token|api_key|token|key)=)[^&]*/gi, '$1…');
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
    return [cause.message, code, inner?.code, inner?.message].filter(Boolean).join(': ');
  }
  return String(cause);
}
/** True for a {@link ClientOptionsError}. */
export const isClientOptionsError = guard<ClientOptionsError>(
  'ClientOptionsError',
  'invalid_client_options',
);
