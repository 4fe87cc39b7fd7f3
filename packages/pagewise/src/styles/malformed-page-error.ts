import { PagewiseError } from '../errors/index.js';

/**
 * A successful (2xx) response that does not have the shape its style
 * promises: no items array, a page token of the wrong type, an X page with
 * no `meta`. A strict reader throws this instead of guessing, because for a
 * client a guess would be a silent stop or a silent skip. `code` is
 * `malformed_page`.
 *
 * @example
 * ```ts
 * try { zoom.readPage(response); }
 * catch (err) { if (isMalformedPageError(err)) console.error(err.message); }
 * ```
 */
export class MalformedPageError extends PagewiseError {
  constructor(message: string) {
    super('malformed_page', message);
    this.name = 'MalformedPageError';
  }
}

/** True when `value` is a {@link MalformedPageError}, also across realms. */
export function isMalformedPageError(value: unknown): value is MalformedPageError {
  if (value instanceof MalformedPageError) return true;
  return (
    value instanceof Error &&
    value.name === 'MalformedPageError' &&
    (value as { code?: unknown }).code === 'malformed_page'
  );
}
