/**
 * Base class of every error pagewise throws on purpose.
 *
 * Each subclass has a stable, machine-readable `code` that never changes
 * between releases; match on `code` (or use the `is…Error()` guards), not on
 * `message`, which is written for people.
 *
 * @example
 * ```ts
 * try { codec.open(token, binding); }
 * catch (err) { if (isPagewiseError(err)) console.log(err.code); }
 * ```
 */
export class PagewiseError extends Error {
  /** Stable identifier of the failure, e.g. `expired` or `wrong_query`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PagewiseError';
    this.code = code;
  }
}

/**
 * True when `value` is a {@link PagewiseError}, also across realms (worker
 * threads, duplicated installs), where `instanceof` fails: it checks the
 * shape as well as the prototype chain.
 */
export function isPagewiseError(value: unknown): value is PagewiseError {
  if (value instanceof PagewiseError) return true;
  return (
    value instanceof Error &&
    typeof (value as { code?: unknown }).code === 'string' &&
    value.name.endsWith('Error') &&
    (value as unknown as Record<symbol, unknown>)[PAGEWISE_BRAND] === true
  );
}

/** Brand shared by every pagewise error, so guards work across realms. */
export const PAGEWISE_BRAND: unique symbol = Symbol.for('pagewise.error');

Object.defineProperty(PagewiseError.prototype, PAGEWISE_BRAND, { value: true });
