import { TOKEN_ERROR_CODES } from '../token/token-error.js';
import { truncateEcho } from './query-input.js';
import { isStyleProblemError } from './style-problem-error.js';
import type { PageSizeLimits, StyleProblem } from './types.js';

/** The token codec's error codes: each means the caller sent a bad token. */
const TOKEN_CODES: ReadonlySet<string> = new Set(TOKEN_ERROR_CODES);

/** What {@link problemFromError} needs to know about the request that failed. */
export interface ProblemContext {
  /** Name of the page-size parameter, e.g. `max_results`. */
  readonly pageSizeParam: string;
  /** Limits of the endpoint, for page-size messages. */
  readonly pageSize: PageSizeLimits;
  /** Parameter the token came in, when one was sent. */
  readonly tokenParam?: string | undefined;
  /** The token sent, when one was sent. */
  readonly token?: string | undefined;
  /** Name of the legacy page-number parameter, when the endpoint has one. @default 'page_number' */
  readonly pageNumberParam?: string | undefined;
  /** The raw page-size value sent, for echoing. */
  readonly pageSizeValue?: string | undefined;
  /** The raw page-number value sent, for echoing. */
  readonly pageNumberValue?: string | undefined;
}

/**
 * Maps anything thrown while answering a paginated request to a
 * {@link StyleProblem}. Caller mistakes never become `internal`:
 *
 * - a {@link StyleProblemError} gives its own problem;
 * - a token codec error (`TokenError`, any of {@link TOKEN_ERROR_CODES}) is
 *   `invalid_token`, whatever the reason (expired, tampered, other scope…);
 * - engine request errors map by `code`: `invalid_page_size` and
 *   `page_size_too_large` to the page-size parameter, `page_too_deep` and
 *   `invalid_page_number` to the page-number parameter, `invalid_window` to
 *   the parameter the error names (`param` or `field`);
 * - everything else is `internal` (a 500: a bug or an outage, not the caller).
 *
 * Errors are matched by `name` and `code` rather than `instanceof`, so the
 * styles load neither the token codec (and its `node:crypto`) nor the engine.
 */
export function problemFromError(error: unknown, context: ProblemContext): StyleProblem {
  if (isStyleProblemError(error)) return error.problem;
  if (!(error instanceof Error)) return { kind: 'internal' };
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return { kind: 'internal' };
  if (error.name === 'TokenError' || (TOKEN_CODES.has(code) && context.token !== undefined)) {
    return {
      kind: 'invalid_token',
      param: context.tokenParam ?? 'token',
      value: truncateEcho(context.token ?? ''),
      reason: code,
    };
  }
  const details = error as { parameter?: unknown; value?: unknown; min?: unknown; max?: unknown };
  const parameter = typeof details.parameter === 'string' ? details.parameter : undefined;
  const echo = (fallback: string | undefined): string[] => {
    const value =
      typeof details.value === 'string' || typeof details.value === 'number'
        ? String(details.value)
        : fallback;
    return value === undefined ? [] : [truncateEcho(value)];
  };
  switch (code) {
    case 'invalid_page_size':
    case 'page_size_too_large':
      return {
        kind: 'invalid_parameter',
        param: context.pageSizeParam,
        values:
          context.pageSizeValue === undefined
            ? echo(undefined)
            : [truncateEcho(context.pageSizeValue)],
        fault: 'out_of_range',
        min: context.pageSize.min,
        max: context.pageSize.max,
      };
    case 'page_too_deep':
    case 'invalid_page_number':
      return {
        kind: 'invalid_parameter',
        param: context.pageNumberParam ?? 'page_number',
        values:
          context.pageNumberValue === undefined
            ? echo(undefined)
            : [truncateEcho(context.pageNumberValue)],
        fault: code === 'page_too_deep' ? 'out_of_range' : 'invalid',
        message: error.message,
      };
    case 'invalid_window': {
      // The engine names the window `window.<name>`; the wire parameter is `<name>`.
      const named = error as { field?: unknown; param?: unknown };
      const param =
        parameter?.replace(/^window\./, '') ??
        (typeof named.param === 'string' ? named.param : undefined) ??
        (typeof named.field === 'string' ? named.field : 'window');
      return {
        kind: 'invalid_parameter',
        param,
        values: echo(undefined),
        fault: 'invalid',
        // No engine wording here: each style says "invalid value" its own way.
      };
    }
    default:
      return { kind: 'internal' };
  }
}
