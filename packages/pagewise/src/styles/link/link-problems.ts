import { truncateEcho } from '../query-input.js';
import type { StyleProblem, StyleResponse } from '../types.js';
import { LINK_JSON } from './link-envelope.js';
import { linkRateLimitHeaders } from './link-rate-limit.js';

function message(status: number, text: string, extra: Record<string, unknown> = {}): StyleResponse {
  return {
    status,
    headers: { 'content-type': LINK_JSON },
    body: { message: text, ...extra, status: String(status) },
  };
}

function parameterMessage(problem: Extract<StyleProblem, { kind: 'invalid_parameter' }>): string {
  if (problem.message !== undefined) return problem.message;
  const value = problem.values.join(',');
  switch (problem.fault) {
    case 'out_of_range':
    case 'not_a_number':
      return problem.max !== undefined
        ? `Query parameter '${problem.param}' must be an integer between ${problem.min ?? 1} and ${problem.max}, got [${value}].`
        : `Query parameter '${problem.param}' must be an integer of at least ${problem.min ?? 1}, got [${value}].`;
    case 'repeated':
      return `Query parameter '${problem.param}' may be given only once, got [${value}].`;
    case 'unknown':
      return `Unknown query parameter '${problem.param}'.`;
    case 'missing':
      return `Query parameter '${problem.param}' is required.`;
    case 'conflict':
    case 'invalid':
      return `Query parameter '${problem.param}' has an invalid value [${value}].`;
  }
}

/** Writes a failure as GitHub does: `{ message[, errors], status }` with the HTTP status. */
export function formatLinkProblem(problem: StyleProblem): StyleResponse {
  switch (problem.kind) {
    case 'invalid_parameter':
      return message(400, parameterMessage(problem), {
        errors: [{ field: problem.param, code: problem.fault }],
      });
    case 'invalid_token':
      return message(
        400,
        `The \`${problem.param}\` query parameter value [${truncateEcho(problem.value)}] is not a valid cursor.`,
      );
    case 'unauthorized':
      return message(401, 'Bad credentials');
    case 'forbidden':
      return message(403, problem.message ?? 'Forbidden');
    case 'not_found':
    case 'route_not_found':
      return message(404, 'Not Found');
    case 'rate_limited': {
      const response = message(429, 'API rate limit exceeded.');
      return {
        ...response,
        headers: { ...response.headers, ...linkRateLimitHeaders(problem.state) },
      };
    }
    case 'fault':
      return message(problem.status, problem.message ?? 'Server Error');
    case 'internal':
      return message(500, 'Server Error');
  }
}
