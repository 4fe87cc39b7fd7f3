import { parseIntegerParam, singleValue, truncateEcho } from './query-input.js';
import { StyleProblemError } from './style-problem-error.js';
import type { PageSizeLimits, QueryInput } from './types.js';

/**
 * Reads the page-size parameter of a request by the endpoint's limits:
 * absent gives the default; a repeated, non-integer or below-minimum value is
 * refused; a value above the maximum is clamped or refused as the limits say.
 *
 * @throws {StyleProblemError} `invalid_parameter` with fault `repeated`,
 *   `not_a_number` or `out_of_range`.
 */
export function parsePageSizeParam(
  query: QueryInput,
  param: string,
  limits: PageSizeLimits,
): { pageSize: number; clamped: boolean } {
  const range = { min: limits.min, max: limits.max };
  const raw = singleValue(query, param, { range });
  if (raw === undefined) return { pageSize: limits.default, clamped: false };
  const n = parseIntegerParam(raw);
  if (n === undefined) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param,
      values: [truncateEcho(raw)],
      fault: 'not_a_number',
      ...range,
    });
  }
  if (n < limits.min || (n > limits.max && limits.oversized === 'reject')) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param,
      values: [truncateEcho(raw)],
      fault: 'out_of_range',
      ...range,
    });
  }
  if (n > limits.max) return { pageSize: limits.max, clamped: true };
  return { pageSize: n, clamped: false };
}
