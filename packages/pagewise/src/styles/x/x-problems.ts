import { truncateEcho } from '../query-input.js';
import type { StyleProblem, StyleResponse } from '../types.js';
import { X_JSON } from './x-envelope.js';
import { xRateLimitHeaders } from './x-rate-limit.js';

const X_PROBLEM_JSON = 'application/problem+json';

/**
 * HTTP status of X's "resource not found": X answers 200 with an `errors`
 * array (a partial-error response) rather than 404. Not in WIRE.md; seen in
 * recorded responses (UNCONFIRMED for every endpoint).
 */
export const X_NOT_FOUND_STATUS = 200;

/** The standard title of an HTTP status in X's problem JSON. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function parameterMessage(problem: Extract<StyleProblem, { kind: 'invalid_parameter' }>): string {
  if (problem.message !== undefined) return problem.message;
  const value = problem.values.join(',');
  switch (problem.fault) {
    case 'out_of_range':
    case 'not_a_number':
      return problem.min !== undefined && problem.max !== undefined
        ? `The \`${problem.param}\` query parameter value [${value}] is not between ${problem.min} and ${problem.max}`
        : `The \`${problem.param}\` query parameter value [${value}] is not valid`;
    case 'repeated':
      return `The \`${problem.param}\` query parameter can only be given once, got [${value}]`;
    case 'unknown':
      return `The query parameter [${problem.param}] is not one of [${(problem.allowed ?? []).join(',')}]`;
    case 'missing':
      return `The \`${problem.param}\` query parameter can not be empty`;
    case 'conflict':
      return `The \`${problem.param}\` query parameter value [${value}] conflicts with another parameter`;
    case 'invalid':
      // X's wordings for a pattern and for an enumeration (e.g. `id`, `tweet.fields`).
      if (problem.pattern !== undefined) {
        return `The \`${problem.param}\` query parameter value [${value}] does not match ${problem.pattern}`;
      }
      if (problem.allowed !== undefined) {
        return `The \`${problem.param}\` query parameter value [${value}] is not one of [${problem.allowed.join(',')}]`;
      }
      return `The \`${problem.param}\` query parameter value [${value}] is not valid`;
  }
}

function invalidRequest(param: string, values: readonly string[], message: string): StyleResponse {
  return {
    status: 400,
    headers: { 'content-type': X_JSON },
    body: {
      errors: [{ parameters: { [param]: values }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  };
}

/** How X names each kind of token in its "Unsupported Authentication" detail. */
const X_AUTH_NAMES = {
  app: 'OAuth 2.0 Application-Only',
  user: 'OAuth 2.0 User Context',
} as const;
/** The token kinds an endpoint takes when it refuses the other kind, as X lists them. */
const X_SUPPORTED_AUTH = {
  app: 'OAuth 1.0a User Context, OAuth 2.0 User Context',
  user: 'OAuth 2.0 Application-Only',
} as const;

/**
 * X's 403 for a token of the wrong kind, e.g. an app-only Bearer token on
 * the home timeline (recorded bodies quoted in client tests, e.g.
 * https://github.com/sivchari/gotwtr and the X API playground).
 */
function unsupportedAuthentication(refused: 'app' | 'user'): StyleResponse {
  return {
    status: 403,
    headers: { 'content-type': X_PROBLEM_JSON },
    body: {
      title: 'Unsupported Authentication',
      // X's wording, two spaces included.
      detail: `Authenticating with ${X_AUTH_NAMES[refused]} is forbidden for this endpoint.  Supported authentication types are [${X_SUPPORTED_AUTH[refused]}].`,
      type: 'https://api.twitter.com/2/problems/unsupported-authentication',
      status: 403,
    },
  };
}

/** X's problem JSON for an HTTP status: `{ title, type: 'about:blank', status, detail }`. */
function problemJson(status: number): StyleResponse {
  const title = TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
  return {
    status,
    headers: { 'content-type': X_PROBLEM_JSON },
    body: { title, type: 'about:blank', status, detail: title },
  };
}

/** Writes a failure as X does: an "Invalid Request" 400, a partial-error 200, or problem JSON. */
export function formatXProblem(problem: StyleProblem): StyleResponse {
  switch (problem.kind) {
    case 'invalid_parameter':
      return invalidRequest(problem.param, problem.values, parameterMessage(problem));
    case 'invalid_token': {
      // Same wording for expired and forged tokens: X gives no separate text (WIRE.md §2.3).
      const value = truncateEcho(problem.value);
      return invalidRequest(
        problem.param,
        [value],
        `The \`${problem.param}\` query parameter value [${value}] is not a valid token.`,
      );
    }
    case 'unauthorized':
      return problemJson(401);
    case 'forbidden':
      return problem.unsupportedAuth === undefined
        ? problemJson(403)
        : unsupportedAuthentication(problem.unsupportedAuth);
    case 'not_found': {
      const id = truncateEcho(problem.id);
      return {
        status: X_NOT_FOUND_STATUS,
        headers: { 'content-type': X_JSON },
        body: {
          errors: [
            {
              value: id,
              detail: `Could not find ${problem.resource} with ${problem.param ?? 'id'}: [${id}].`,
              title: 'Not Found Error',
              resource_type: problem.resource,
              parameter: problem.param ?? 'id',
              resource_id: id,
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
      };
    }
    case 'route_not_found':
      return problemJson(404);
    case 'rate_limited': {
      const response = problemJson(429);
      return {
        ...response,
        headers: { ...response.headers, ...xRateLimitHeaders(problem.state) },
      };
    }
    case 'fault':
      // X writes its standard title as the detail, whatever the cause.
      return problemJson(problem.status);
    case 'internal':
      return problemJson(500);
  }
}
