import { PagewiseError } from '../errors/index.js';

/** Stable codes of {@link PageRequestError}. */
export type PageRequestErrorCode =
  /** Page size is not a positive integer, or is below the list's minimum under `oversize: 'reject'`. */
  | 'invalid_page_size'
  /** Page size is above the list's maximum and the list rejects oversized pages. */
  | 'page_size_too_large'
  /** A legacy page number would need an OFFSET deeper than the list allows. */
  | 'page_too_deep'
  /** A window bound is unknown to the list or has the wrong type. */
  | 'invalid_window'
  /** A legacy page number is not a positive integer, is combined with a token, or the list has no page-number mode. */
  | 'invalid_page_number';

/** Every {@link PageRequestErrorCode}, for catalogue checks and mapping tables. */
export const PAGE_REQUEST_ERROR_CODES: readonly PageRequestErrorCode[] = Object.freeze([
  'invalid_page_size',
  'page_size_too_large',
  'page_too_deep',
  'invalid_window',
  'invalid_page_number',
]);

/**
 * A page request the caller got wrong (HTTP 400 in every style). Token
 * problems are not this class: they are the codec's `TokenError`, passed
 * through unchanged.
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof PageRequestError && err.code === 'page_size_too_large')
 *     reply(400, `max_results must be between ${err.min} and ${err.max}`);
 * }
 * ```
 */
export class PageRequestError extends PagewiseError {
  declare readonly code: PageRequestErrorCode;
  /** Request parameter at fault: `pageSize`, `pageNumber`, `window.<name>` or `token`. */
  readonly parameter: string;
  /** The value the caller sent. */
  readonly value: unknown;
  /** Smallest allowed value, when the error is about a range. */
  readonly min: number | undefined;
  /** Largest allowed value, when the error is about a range. */
  readonly max: number | undefined;

  constructor(
    code: PageRequestErrorCode,
    message: string,
    details: { parameter: string; value: unknown; min?: number; max?: number },
  ) {
    super(code, message);
    this.name = 'PageRequestError';
    this.parameter = details.parameter;
    this.value = details.value;
    this.min = details.min;
    this.max = details.max;
  }
}

/** True when `value` is a {@link PageRequestError}, also across realms. */
export function isPageRequestError(value: unknown): value is PageRequestError {
  return (
    value instanceof PageRequestError ||
    (value instanceof PagewiseError && value.name === 'PageRequestError')
  );
}
