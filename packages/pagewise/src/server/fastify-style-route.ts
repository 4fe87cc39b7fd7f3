import type { FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import {
  problemFromError,
  type StyleEndpoint,
  type StyleResponse,
  searchParamsOf,
  type WireStyle,
} from '../styles/index.js';
import { type AdmissionOptions, createAdmission } from './admission.js';
import {
  admissionHook,
  admissionOf,
  mergeQuerySchema,
  type PagewiseRouteConfig,
  sendStyleResponse,
} from './fastify-page-route.js';

/** One request to a style route, parsed once. */
export interface StyleRequest<P> {
  /** The Fastify request. */
  readonly request: FastifyRequest;
  /** The raw query: repeated parameters and exact values as sent. */
  readonly query: URLSearchParams;
  /** The caller's scope, from admission. */
  readonly scope: string;
  /** The route's own parameters, from `parse`. */
  readonly params: P;
}

/** Options of {@link fastifyStyleRoute}. */
export interface FastifyStyleRouteOptions<E extends StyleEndpoint, P = undefined>
  extends AdmissionOptions<FastifyRequest> {
  /** Route path, e.g. `/2/users/:id`. */
  readonly url: string;
  /** Wire style whose errors, rate-limit headers and quotas the route uses. */
  readonly style: WireStyle<E>;
  /** The endpoint's description in that style (its quota, its parameters). */
  readonly endpoint: E;
  /** Route schema: `querystring`, `params`, `summary`… (validation and OpenAPI). @default {} */
  readonly schema?: FastifySchema;
  /**
   * Reads the route's parameters once; throw a `StyleProblemError` for a bad
   * value. Its result is `params` in the handler.
   * @default none (`params` is `undefined`)
   */
  readonly parse?: (request: FastifyRequest, query: URLSearchParams) => P | Promise<P>;
  /**
   * Answers the request. Throw a `StyleProblemError` (e.g. `not_found`) to
   * answer in the style's error shape; anything else thrown is its 500.
   */
  readonly handler: (request: StyleRequest<P>) => StyleResponse | Promise<StyleResponse>;
}

/**
 * A Fastify route answering one resource (not a list) with the same
 * admission, error path and rate limiting as {@link fastifyPageRoute}:
 * scope (401), the route's `admit` check, the rate limit (429 and headers
 * on every answer), schema validation (400), then the handler, every
 * failure in the style's error shape.
 *
 * @example
 * ```ts
 * app.route(fastifyStyleRoute({
 *   url: '/2/users/:id', style: x, endpoint: userLookup,
 *   scope: (req) => bearerPrincipal(req),
 *   parse: (req) => ({ id: (req.params as { id: string }).id }),
 *   handler: async ({ params }) => formatXResource(await userById(params.id)),
 * }));
 * ```
 */
export function fastifyStyleRoute<E extends StyleEndpoint, P = undefined>(
  options: FastifyStyleRouteOptions<E, P>,
): RouteOptions {
  const { style, endpoint, parse, handler } = options;
  const admit = createAdmission(style, endpoint, options);
  const config: PagewiseRouteConfig = {
    style: style as unknown as WireStyle<StyleEndpoint>,
    endpoint,
  };
  return {
    method: 'GET',
    url: options.url,
    schema: {
      ...(options.schema ?? {}),
      querystring: mergeQuerySchema({ type: 'object' }, options.schema),
    },
    config: { pagewise: config } as NonNullable<RouteOptions['config']>,
    onRequest: admissionHook(admit),
    handler: async (request, reply) => {
      const admission = admissionOf(request);
      const headers = admission?.headers ?? {};
      let answer: StyleResponse;
      try {
        const query = searchParamsOf(request.url);
        const params = (parse === undefined ? undefined : await parse(request, query)) as P;
        answer = await handler({ request, query, scope: admission?.scope ?? '', params });
      } catch (error) {
        const problem = problemFromError(error, {
          pageSizeParam: style.pageSizeParam,
          pageSize: endpoint.pageSize,
        });
        if (problem.kind === 'internal') options.onInternalError?.(error, request);
        answer = style.formatProblem(problem, endpoint);
      }
      return sendStyleResponse(reply, { ...answer, headers: { ...headers, ...answer.headers } });
    },
  };
}
