import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import type { StyleEndpoint, StyleResponse, WireStyle } from '../styles/index.js';
import {
  type Admission,
  createPageResponder,
  isStyleResponse,
  type PageResponderOptions,
} from './page-responder.js';
import { serializeBody } from './serialize-body.js';
import { pagingQuerySchema, pagingResponseSchemas } from './style-schemas.js';

const admissions = new WeakMap<FastifyRequest, Admission>();

/** What the adapter puts in a route's `config` so {@link styleErrorHandler} can answer in its style. */
export interface PagewiseRouteConfig {
  /** The route's style. */
  readonly style: WireStyle<StyleEndpoint>;
  /** The route's endpoint description. */
  readonly endpoint: StyleEndpoint;
}

/** Options of {@link fastifyPageRoute}: the responder's options plus the route itself. */
export interface FastifyPageRouteOptions<Row, E extends StyleEndpoint>
  extends PageResponderOptions<Row, E, FastifyRequest> {
  /** Route path, e.g. `/2/users/:id/tweets`. */
  readonly url: string;
  /**
   * Extra schema parts: `params`, `tags`, `summary`… Its `querystring`
   * properties are merged with the style's paging parameters.
   * @default {}
   */
  readonly schema?: FastifySchema;
  /** Item schema, for the documented response envelope. @default no response schema */
  readonly itemSchema?: TSchema;
}

/**
 * Writes a style response on a Fastify reply, as JSON text (key order kept,
 * bigints as strings). Sent as a Buffer so Fastify neither re-serialises it
 * (a response schema would drop or reorder keys) nor appends a charset to the
 * style's exact `content-type` (X's `application/problem+json`).
 */
export function sendStyleResponse(reply: FastifyReply, response: StyleResponse): FastifyReply {
  return reply
    .code(response.status)
    .headers(response.headers)
    .send(Buffer.from(serializeBody(response.body), 'utf8'));
}

/** The absolute URL of a Fastify request (Link headers carry absolute URLs, as GitHub's do). */
export function requestUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
}

/**
 * A Fastify route (for `app.route()`) serving one paginated list in one
 * style: `GET url`, a querystring schema from the style (for validation and
 * OpenAPI), and a handler that answers through {@link createPageResponder}.
 * Pair it with {@link styleErrorHandler} so schema validation errors are also
 * written in the style's error body.
 *
 * @example
 * ```ts
 * app.setErrorHandler(styleErrorHandler(x));
 * app.route(fastifyPageRoute({
 *   url: '/2/users/:id/tweets', style: x, endpoint: xEndpoints.userTweets,
 *   list: tweets, source: (req) => tweetsOf((req.params as { id: string }).id),
 *   scope: (req) => bearerPrincipal(req),
 * }));
 * ```
 */
export function fastifyPageRoute<Row, E extends StyleEndpoint>(
  options: FastifyPageRouteOptions<Row, E>,
): RouteOptions {
  const responder = createPageResponder(options);
  const paging = pagingQuerySchema(options.style, options.endpoint);
  const extra = (options.schema?.querystring ?? {}) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const required = [...(paging.required ?? []), ...(extra.required ?? [])];
  const querystring: Record<string, unknown> = {
    type: 'object',
    additionalProperties: true,
    properties: { ...paging.properties, ...(extra.properties ?? {}) },
    ...(required.length > 0 ? { required } : {}),
  };
  const config: PagewiseRouteConfig = {
    style: options.style as unknown as WireStyle<StyleEndpoint>,
    endpoint: options.endpoint,
  };
  // `config` is typed per app by declaration merging; ours is read back untyped.
  const route: RouteOptions = {
    method: 'GET',
    url: options.url,
    schema: {
      ...(options.schema ?? {}),
      querystring,
      ...(options.itemSchema
        ? { response: pagingResponseSchemas(options.style, options.endpoint, options.itemSchema) }
        : {}),
    },
    config: { pagewise: config } as NonNullable<RouteOptions['config']>,
    // Auth and rate limit run before schema validation, so a request refused
    // by validation is still counted and its 400 still carries the headers.
    onRequest: async (request, reply) => {
      const admission = await responder.admit(request);
      if (isStyleResponse(admission)) return sendStyleResponse(reply, admission);
      admissions.set(request, admission);
      reply.headers(admission.headers);
      return undefined;
    },
    handler: async (request, reply) =>
      sendStyleResponse(
        reply,
        await responder.respond(request, requestUrl(request), admissions.get(request)),
      ),
  };
  return route;
}
