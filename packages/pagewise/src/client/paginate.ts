import type { Checkpoint, CheckpointStore } from './checkpoint-store.js';
import { normalizePaginate } from './normalize-options.js';
import type { PaginateOptions, PaginateRequest } from './paginate-options.js';
import { Paginator } from './paginator.js';

/**
 * Walks a paginated HTTP API as a stream. Returns a lazy {@link Paginator}:
 * iterate it for items, `.pages()` for pages, `.collect({ limit })` for a
 * bounded array. Nothing is requested before the first `next()`.
 *
 * The walk ends only when the API says the list ended; any other ending is a
 * typed error (`HttpError`, `RateLimitError`, `InvalidPageTokenError`, …)
 * carrying the cursor to resume from.
 *
 * @throws ClientOptionsError on invalid options (synchronously).
 * @example
 * ```ts
 * for await (const user of paginate(
 *   { url: 'https://api.zoom.us/v2/users?page_size=300', headers: { authorization: `Bearer ${token}` } },
 *   { preset: 'zoom' },
 * )) console.log(user.id);
 * ```
 */
export function paginate<T = unknown>(
  request: PaginateRequest,
  options: PaginateOptions<T> = {},
): Paginator<T> {
  return new Paginator<T>(normalizePaginate(request, options));
}

/**
 * Reads a saved checkpoint (e.g. to cut the consumer's output to the
 * `note` it holds before resuming). `undefined` when there is none.
 */
export function readCheckpoint(
  store: CheckpointStore,
  key: string,
): Promise<Checkpoint | undefined> {
  return store.load(key);
}
