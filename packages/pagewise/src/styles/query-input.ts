import { StyleProblemError } from './style-problem-error.js';
import type { HeaderInput, QueryInput } from './types.js';

/**
 * All values of one query parameter, in order, whatever the query's form.
 * A repeated parameter gives several values; a missing one gives none.
 */
export function queryValues(query: QueryInput, name: string): readonly string[] {
  if (query instanceof URLSearchParams) return query.getAll(name);
  const value: unknown = Object.hasOwn(query, name) ? query[name] : undefined;
  if (value === undefined || value === null) return [];
  // A framework may have coerced values already (numbers, booleans): read them back as text.
  if (Array.isArray(value)) return value.map((v) => String(v));
  return [String(value)];
}

/**
 * The one value of a parameter that may be given at most once: `undefined`
 * when absent (or, with `ignoreEmpty`, only empty), the value otherwise.
 *
 * @throws {StyleProblemError} `invalid_parameter` with fault `repeated` (the
 *   values echoed, cut to {@link MAX_ECHO_LENGTH}) when it is given twice.
 */
export function singleValue(
  query: QueryInput,
  param: string,
  options: {
    /** Treat `param=` as absent (Zoom's own loops send `next_page_token=`). @default false */
    readonly ignoreEmpty?: boolean;
    /** Identical repeats count as one value. @default false */
    readonly allowIdenticalRepeats?: boolean;
    /** Range to carry in the problem, for page-size messages. */
    readonly range?: { readonly min: number; readonly max: number };
  } = {},
): string | undefined {
  let values = queryValues(query, param);
  if (options.ignoreEmpty) values = values.filter((v) => v !== '');
  if (options.allowIdenticalRepeats) values = [...new Set(values)];
  if (values.length > 1) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param,
      values: values.map(truncateEcho),
      fault: 'repeated',
      ...(options.range ?? {}),
    });
  }
  return values[0];
}

/** Names of the parameters present in a query, each once, in first-seen order. */
export function queryNames(query: QueryInput): readonly string[] {
  if (query instanceof URLSearchParams) return [...new Set(query.keys())];
  return Object.keys(query).filter((name) => query[name] !== undefined);
}

/**
 * The longest echoed value a style puts back in an error message or body.
 * Echoing a 10 kB garbage token back would only inflate error responses and logs.
 */
export const MAX_ECHO_LENGTH = 128;

/** `value` cut to {@link MAX_ECHO_LENGTH} characters, with `...` when cut. */
export function truncateEcho(value: string): string {
  return value.length > MAX_ECHO_LENGTH ? `${value.slice(0, MAX_ECHO_LENGTH)}...` : value;
}

/**
 * A decimal integer written plainly (optional sign, digits only), or
 * `undefined` for anything else (`1.5`, `1e3`, `0x10`, ` 7`, ``). Huge values
 * come back as large (inexact) numbers so range checks still see them as too big.
 */
export function parseIntegerParam(value: string): number | undefined {
  if (!/^[+-]?\d{1,400}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * One header's value (first one when repeated), case-insensitively, from a
 * fetch `Headers` or a plain record; `undefined` when absent.
 */
export function headerValue(headers: HeaderInput, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<
    Record<string, string | number | readonly string[] | undefined>
  >;
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue;
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

/**
 * A header value parsed as a finite number, or `undefined`. A repeated header
 * arrives from a fetch `Headers` joined with `, `; as with {@link headerValue},
 * the first value counts.
 */
export function headerNumber(headers: HeaderInput, name: string): number | undefined {
  const raw = headerValue(headers, name)?.split(',')[0]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A `Retry-After` value as epoch milliseconds: delay-seconds (RFC 9110; a
 * fraction such as `1.5`, which some gateways send, is read too, never as a
 * date) or an HTTP/ISO-8601 date (Zoom sends `2020-05-31T00:00:00Z`).
 * `undefined` when unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return now + Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : at;
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path (or absolute URL) without a `#`, whitespace or control characters. */
const PLAIN_URL = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/;
/** A query of characters a URL parse leaves as they are (no whitespace, controls, quotes or non-ASCII). */
const PLAIN_QUERY = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/;

/**
 * The query of a request URL (absolute, or path and query) as
 * `URLSearchParams`, read raw so repeated parameters keep their order. Never
 * throws: a URL that `new URL()` refuses (e.g. a bad `Host` header) still has
 * its query read from after the first `?`.
 */
export function searchParamsOf(url: string): URLSearchParams {
  // Fast path: a query of plain URL characters reads the same straight
  // from the text as through a full URL parse (which only percent-encodes
  // what URLSearchParams decodes again, and strips tabs and newlines).
  const at = url.indexOf('?');
  if (at < 0) {
    if (PLAIN_URL.test(url)) return new URLSearchParams();
  } else {
    const hash = url.indexOf('#', at + 1);
    const search = hash < 0 ? url.slice(at + 1) : url.slice(at + 1, hash);
    // (URLSearchParams would drop a leading `?` of the query itself.)
    if (
      search.charCodeAt(0) !== 63 &&
      PLAIN_URL.test(url.slice(0, at)) &&
      PLAIN_QUERY.test(search)
    ) {
      return new URLSearchParams(search);
    }
  }
  try {
    return new URL(url, 'http://pagewise.invalid').searchParams;
  } catch {
    const at = url.indexOf('?');
    return new URLSearchParams(at < 0 ? '' : url.slice(at + 1).split('#')[0]);
  }
}
