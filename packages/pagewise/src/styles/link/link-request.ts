import { parsePageSizeParam } from '../page-size-param.js';
import { parseIntegerParam, singleValue, truncateEcho } from '../query-input.js';
import { StyleProblemError } from '../style-problem-error.js';
import type { PageParams, QueryInput } from '../types.js';
import type { LinkEndpoint } from './link-endpoint.js';

/** Reads `per_page` (cut to the maximum) and the page number or cursor of a Link-style request. */
export function parseLinkRequest(query: QueryInput, endpoint: LinkEndpoint): PageParams {
  const { pageSize, clamped } = parsePageSizeParam(query, 'per_page', endpoint.pageSize);
  if (endpoint.mode === 'cursor') {
    const token = singleValue(query, endpoint.cursorParam, { ignoreEmpty: true });
    return token === undefined
      ? { pageSize, clamped }
      : { pageSize, clamped, token, tokenParam: endpoint.cursorParam };
  }
  const raw = singleValue(query, endpoint.pageParam, { ignoreEmpty: true });
  if (raw === undefined) return { pageSize, clamped, pageNumber: 1 };
  const n = parseIntegerParam(raw);
  if (n === undefined || n < 1 || !Number.isSafeInteger(n)) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param: endpoint.pageParam,
      values: [truncateEcho(raw)],
      fault: n === undefined ? 'not_a_number' : 'out_of_range',
      min: 1,
    });
  }
  return { pageSize, clamped, pageNumber: n };
}
