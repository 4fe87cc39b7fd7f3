import { parsePageSizeParam } from '../page-size-param.js';
import { queryNames, queryValues, singleValue, truncateEcho } from '../query-input.js';
import { StyleProblemError } from '../style-problem-error.js';
import type { PageParams, QueryInput } from '../types.js';
import { X_TOKEN_PARAMS, type XEndpoint } from './x-endpoints.js';

/**
 * Reads X's paging parameters: refuses parameters the endpoint does not take
 * (X's "is not one of" 400), reads `max_results` (out of range is a 400) and
 * the page token from whichever of the endpoint's token parameters carries
 * it (two different tokens are a 400).
 */
export function parseXRequest(query: QueryInput, endpoint: XEndpoint): PageParams {
  for (const name of queryNames(query)) {
    const foreignToken = X_TOKEN_PARAMS.includes(name) && !endpoint.tokenParams.includes(name);
    const unknown = endpoint.allowedParams !== undefined && !endpoint.allowedParams.includes(name);
    if (foreignToken || unknown) {
      throw new StyleProblemError({
        kind: 'invalid_parameter',
        param: name,
        values: queryValues(query, name).map(truncateEcho),
        fault: 'unknown',
        allowed: endpoint.allowedParams ?? ['max_results', ...endpoint.tokenParams],
      });
    }
  }
  const { pageSize, clamped } = parsePageSizeParam(query, 'max_results', endpoint.pageSize);
  let found: { param: string; token: string } | undefined;
  for (const param of endpoint.tokenParams) {
    const token = singleValue(query, param, { ignoreEmpty: true });
    if (token === undefined) continue;
    if (found !== undefined && found.token !== token) {
      throw new StyleProblemError({
        kind: 'invalid_parameter',
        param,
        values: [truncateEcho(token)],
        fault: 'conflict',
        message: `The \`${found.param}\` and \`${param}\` query parameters can not be used together`,
      });
    }
    found ??= { param, token };
  }
  return found === undefined
    ? { pageSize, clamped }
    : { pageSize, clamped, token: found.token, tokenParam: found.param };
}
