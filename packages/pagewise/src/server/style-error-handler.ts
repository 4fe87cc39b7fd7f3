import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  problemFromError,
  queryValues,
  type StyleEndpoint,
  type StyleProblem,
  StyleProblemError,
  searchParamsOf,
  truncateEcho,
  type WireStyle,
} from '../styles/index.js';
import type { PagewiseRouteConfig } from './fastify-page-route.js';
import { sendStyleResponse } from './fastify-page-route.js';

/** The route's pagewise config, when the route was built by `fastifyPageRoute`. */
function routeConfig(request: FastifyRequest): PagewiseRouteConfig | undefined {
  const config = request.routeOptions?.config as { pagewise?: PagewiseRouteConfig } | undefined;
  return config?.pagewise;
}

interface AjvIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
}

/** The problem a Fastify schema validation error stands for. */
function validationProblem(
  error: FastifyError,
  query: URLSearchParams,
  style: WireStyle<StyleEndpoint>,
  endpoint: StyleEndpoint | undefined,
  params: Readonly<Record<string, unknown>>,
): StyleProblem {
  // Same answer as without the schema: let the style judge the raw query first.
  if (endpoint !== undefined && error.validationContext === 'querystring') {
    try {
      style.parseRequest(query, endpoint);
    } catch (parseError) {
      if (parseError instanceof StyleProblemError) return parseError.problem;
    }
  }
  const issue = (error.validation?.[0] ?? {}) as AjvIssue;
  const missing = issue.params?.['missingProperty'];
  const additional = issue.params?.['additionalProperty'];
  const param =
    typeof missing === 'string'
      ? missing
      : typeof additional === 'string'
        ? additional
        : (issue.instancePath ?? '').replace(/^\//, '').split('/')[0] || 'request';
  const raw = params[param];
  const values =
    error.validationContext === 'querystring'
      ? queryValues(query, param)
      : typeof raw === 'string'
        ? [raw]
        : [];
  const isPageSize = endpoint !== undefined && param === style.pageSizeParam;
  const pattern = issue.keyword === 'pattern' ? issue.params?.['pattern'] : undefined;
  const allowed = issue.keyword === 'enum' ? issue.params?.['allowedValues'] : undefined;
  return {
    kind: 'invalid_parameter',
    param,
    values: values.map(truncateEcho),
    fault:
      typeof missing === 'string'
        ? 'missing'
        : typeof additional === 'string'
          ? 'unknown'
          : isPageSize
            ? 'out_of_range'
            : 'invalid',
    ...(isPageSize && endpoint ? { min: endpoint.pageSize.min, max: endpoint.pageSize.max } : {}),
    ...(typeof pattern === 'string' ? { pattern } : {}),
    ...(Array.isArray(allowed) ? { allowed: allowed.map(String) } : {}),
  };
}

function statusProblem(status: number, message: string): StyleProblem | undefined {
  switch (status) {
    case 401:
      return { kind: 'unauthorized', reason: 'invalid' };
    case 403:
      return { kind: 'forbidden', message };
    case 404:
      return { kind: 'not_found', resource: 'resource', id: '' };
    default:
      return status >= 400 && status < 500
        ? { kind: 'invalid_parameter', param: 'request', values: [], fault: 'invalid', message }
        : undefined;
  }
}

/**
 * A Fastify error handler (`app.setErrorHandler(...)`) that writes every
 * error in a style's body and status: schema validation errors (querystring,
 * params) as the style's bad-parameter answer (re-judged by the style's own
 * parser, so the answer is the same with or without the schema), a
 * {@link StyleProblemError} thrown by route code as its problem, token and
 * engine errors as 400s, Fastify's own 4xx errors (bad content type, body too
 * large) in the style's shape, and only the rest as the style's 500 (logged).
 *
 * Routes built by `fastifyPageRoute` carry their style in their config;
 * `fallbackStyle` answers for other routes.
 */
export function styleErrorHandler(
  fallbackStyle: WireStyle<never> | WireStyle<StyleEndpoint>,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  return (error, request, reply) => {
    const config = routeConfig(request);
    const style = (config?.style ?? fallbackStyle) as WireStyle<StyleEndpoint>;
    const endpoint = config?.endpoint;
    const query = searchParamsOf(request.url);
    let problem: StyleProblem;
    if (Array.isArray(error.validation)) {
      problem = validationProblem(
        error,
        query,
        style,
        endpoint,
        (request.params ?? {}) as Readonly<Record<string, unknown>>,
      );
    } else {
      problem = problemFromError(error, {
        pageSizeParam: style.pageSizeParam,
        pageSize: endpoint?.pageSize ?? { min: 1, max: 100, default: 10, oversized: 'reject' },
      });
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (problem.kind === 'internal') problem = statusProblem(status, error.message) ?? problem;
    }
    if (problem.kind === 'internal') request.log.error({ err: error }, 'request failed');
    return sendStyleResponse(reply, style.formatProblem(problem, endpoint as never));
  };
}
