import { errorReading } from '../error-reading.js';
import { MalformedPageError } from '../malformed-page-error.js';
import { headerValue, isRecord } from '../query-input.js';
import type { HeaderInput, PageReading, ResponseLike } from '../types.js';
import { parseLinkHeader } from './link-header.js';
import { readLinkRateLimit } from './link-rate-limit.js';

/** The `next` and `prev` (or `previous`) URLs of a `Link` header, each only when present. */
export function readLinkRels(h: HeaderInput): { nextUrl?: string; previousUrl?: string } {
  const rels = parseLinkHeader(headerValue(h, 'link'));
  const nextUrl = rels.get('next');
  const previousUrl = rels.get('prev') ?? rels.get('previous');
  return {
    ...(nextUrl !== undefined ? { nextUrl } : {}),
    ...(previousUrl !== undefined ? { previousUrl } : {}),
  };
}

/**
 * Reads a Link-style response, strictly. An error status gives `ok: false`
 * with GitHub's `message`. A 2xx body must be a JSON array (the items);
 * anything else throws {@link MalformedPageError}. The next page is the
 * `Link` header's `rel="next"`; without one the list has ended.
 *
 * @param now - for `Retry-After` given in seconds
 * @throws {MalformedPageError} for a 2xx body that is not an array
 */
export function readLinkPage<T>(
  response: ResponseLike,
  _endpoint?: unknown,
  now: number = Date.now(),
): PageReading<T> {
  const rateLimit = readLinkRateLimit(response.headers, now);
  const body = response.body;
  if (response.status < 200 || response.status > 299) {
    return errorReading(response.status, rateLimit, isRecord(body) ? body['message'] : undefined);
  }
  if (!Array.isArray(body)) throw new MalformedPageError('the body is not a JSON array of items');
  const rels = readLinkRels(response.headers);
  return { ok: true, items: body as T[], done: rels.nextUrl === undefined, ...rels, rateLimit };
}
