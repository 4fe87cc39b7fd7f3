import { errorReading } from '../error-reading.js';
import { MalformedPageError } from '../malformed-page-error.js';
import { isRecord } from '../query-input.js';
import type { PageReading, ResponseLike } from '../types.js';
import { readXRateLimit } from './x-rate-limit.js';

/**
 * Reads an X response, strictly. An error status, or a 200 that carries
 * only `errors` (X's partial-error answer for a missing resource), gives
 * `ok: false` with the first error's message and type. Otherwise the body
 * must be an X page: `meta` an object, `meta.next_token` absent or a
 * string, `data` an array, or absent only when `meta.result_count` is 0.
 * Anything else throws {@link MalformedPageError}: for a client, reading a
 * changed or broken body as "no next page" would be a silent stop.
 *
 * @throws {MalformedPageError} for a 2xx body that is not an X page
 */
export function readXPage<T>(response: ResponseLike): PageReading<T> {
  const rateLimit = readXRateLimit(response.headers, response.status);
  const body = response.body;
  const errors = isRecord(body) && Array.isArray(body['errors']) ? body['errors'] : undefined;
  const meta = isRecord(body) ? body['meta'] : undefined;
  const ok = response.status >= 200 && response.status <= 299;
  if (!ok || (meta === undefined && errors !== undefined)) {
    const first: unknown = errors?.[0];
    const type = isRecord(body) ? body['type'] : undefined;
    const detail = isRecord(first)
      ? (first['message'] ?? first['detail'])
      : isRecord(body)
        ? body['detail']
        : undefined;
    const code = isRecord(first) && typeof first['type'] === 'string' ? first['type'] : type;
    return errorReading(
      response.status,
      rateLimit,
      detail,
      typeof code === 'string' ? code : undefined,
    );
  }
  if (!isRecord(body)) throw new MalformedPageError('the body is not a JSON object');
  if (!isRecord(meta)) throw new MalformedPageError('"meta" is missing (X sends it on every page)');
  const next = meta['next_token'];
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw new MalformedPageError(`"meta.next_token" should be a string, got ${typeof next}`);
  }
  const previous = meta['previous_token'];
  const data = body['data'];
  if (data !== undefined && !Array.isArray(data)) {
    throw new MalformedPageError('"data" should be an array of items');
  }
  const count = meta['result_count'];
  if (data === undefined && typeof count === 'number' && count > 0) {
    throw new MalformedPageError(`"data" is missing but "meta.result_count" is ${count}`);
  }
  const nextToken = typeof next === 'string' && next !== '' ? next : undefined;
  return {
    ok: true,
    items: (data ?? []) as T[],
    done: nextToken === undefined,
    ...(nextToken !== undefined ? { nextToken } : {}),
    ...(typeof previous === 'string' && previous !== '' ? { previousToken: previous } : {}),
    rateLimit,
  };
}
