import { errorReading } from '../error-reading.js';
import { MalformedPageError } from '../malformed-page-error.js';
import { isRecord } from '../query-input.js';
import type { PageReading, ResponseLike } from '../types.js';
import { ZOOM_TOKEN_PARAM, type ZoomEndpoint } from './zoom-endpoints.js';
import { readZoomRateLimit } from './zoom-rate-limit.js';

/**
 * Reads a Zoom response, strictly. An error status gives `ok: false` with
 * Zoom's `{ code, message }`. A 2xx must be a Zoom page: a JSON object with
 * `next_page_token` as a string (`""` at the end: Zoom always sends the key;
 * only a legacy page-number page, with `page_number` and `page_count`, may
 * leave it out) and an items array (the endpoint's `itemsKey`, else the body's only array);
 * `page_count`, `page_number`, `page_size` and `total_records`, when sent,
 * must be numbers. Anything else throws {@link MalformedPageError}: for a
 * client, reading a changed or broken body as "no next page" would be a
 * silent stop.
 *
 * @param endpoint - tells where the items are; without it, the only array in the body
 * @param now - for `Retry-After` given in seconds
 * @throws {MalformedPageError} for a 2xx body that is not a Zoom page
 */
export function readZoomPage<T>(
  response: ResponseLike,
  endpoint?: ZoomEndpoint,
  now: number = Date.now(),
): PageReading<T> {
  const rateLimit = readZoomRateLimit(response.headers, now);
  const body = response.body;
  if (response.status < 200 || response.status > 299) {
    const fields = isRecord(body) ? body : {};
    return errorReading(response.status, rateLimit, fields['message'], fields['code']);
  }
  if (!isRecord(body)) throw new MalformedPageError('the body is not a JSON object');
  const itemsKey = endpoint?.itemsKey ?? soleArrayKey(body);
  const rawItems = itemsKey === undefined ? undefined : body[itemsKey];
  if (!Array.isArray(rawItems)) {
    throw new MalformedPageError(
      itemsKey === undefined
        ? 'the body holds no items array'
        : `"${itemsKey}" should be an array of items`,
    );
  }
  const pageNumber = optionalNumber(body, 'page_number');
  const pageCount = optionalNumber(body, 'page_count');
  const total = optionalNumber(body, 'total_records');
  optionalNumber(body, 'page_size');
  const token = body[ZOOM_TOKEN_PARAM];
  // A legacy page-number page (page_number and page_count) may come without a token.
  const legacy = pageNumber !== undefined && pageCount !== undefined;
  if (typeof token !== 'string' && !(token === undefined && legacy)) {
    throw new MalformedPageError(
      token === undefined
        ? `"${ZOOM_TOKEN_PARAM}" is missing (Zoom sends "" on the last page)`
        : `"${ZOOM_TOKEN_PARAM}" should be a string, got ${typeof token}`,
    );
  }
  const nextToken = typeof token === 'string' && token !== '' ? token : undefined;
  const nextPageNumber =
    pageNumber !== undefined && pageCount !== undefined && pageNumber < pageCount
      ? pageNumber + 1
      : undefined;
  return {
    ok: true,
    items: rawItems as T[],
    done: nextToken === undefined && nextPageNumber === undefined,
    ...(nextToken !== undefined ? { nextToken } : {}),
    ...(nextPageNumber !== undefined ? { nextPageNumber } : {}),
    ...(total !== undefined ? { totalRecords: total } : {}),
    rateLimit,
  };
}

/** The key of the body's only array, or `undefined` when there is none or more than one. */
function soleArrayKey(body: Readonly<Record<string, unknown>>): string | undefined {
  let found: string | undefined;
  for (const key of Object.keys(body)) {
    if (!Array.isArray(body[key])) continue;
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

function optionalNumber(body: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MalformedPageError(`"${key}" should be a number, got ${JSON.stringify(value)}`);
  }
  return value;
}
