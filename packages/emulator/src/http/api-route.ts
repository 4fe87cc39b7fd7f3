import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
} from 'fastify';
import {
  type PagewiseRouteConfig,
  type RateLimitRule,
  sendStyleResponse,
  styleErrorHandler,
} from 'pagewise/fastify';
import type {
  RateLimitState,
  StyleEndpoint,
  StyleProblem,
  StyleResponse,
  WireStyle,
} from 'pagewise/styles';
import type { Principal } from '../auth/principal.js';
import type { EmulatorContext } from '../emulator-context.js';
import { apiRequestNote, noteApiRequest } from './api-request-note.js';

/** A route of the emulated API. */
export interface ApiRouteDefinition<E extends StyleEndpoint> {
  readonly url: string;
  readonly style: WireStyle<E>;
  /** Endpoint description (page-size limits for error messages). */
  readonly endpoint: E;
  /** Rate-limit rules counted for each request. */
  readonly rules: readonly RateLimitRule[];
  /** Route schema: documents the route in `/openapi.json` and validates it. */
  readonly schema: FastifySchema;
  readonly handler: (request: FastifyRequest, principal: Principal) => Promise<StyleResponse>;
}

/**
 * Registers one API route behind the emulator's request pipeline, in this
 * order (as real APIs do: credentials first, then quotas, then parameters):
 * bearer auth (401 in the style's shape), injected faults, the rate limiter
 * (headers on every answer, 429 in the style's shape), schema validation
 * (400 in the style's shape), then the handler.
 */
export function registerApiRoute<E extends StyleEndpoint>(
  app: FastifyInstance,
  ctx: EmulatorContext,
  def: ApiRouteDefinition<E>,
): void {
  const { style, endpoint } = def;
  // The server part's writer: exact content type, key order kept, bigints as strings.
  const send = sendStyleResponse;
  const problem = (reply: FastifyReply, p: StyleProblem): FastifyReply =>
    send(reply, style.formatProblem(p, endpoint));

  app.route({
    method: 'GET',
    url: def.url,
    schema: def.schema,
    onRequest: async (request, reply) => {
      const authorization = request.headers.authorization;
      const principal = await ctx.principals.resolve(authorization);
      if (!principal) {
        return problem(reply, {
          kind: 'unauthorized',
          reason: authorization ? 'invalid' : 'missing',
        });
      }
      const note = noteApiRequest(request, principal);
      const fault = ctx.faults.decide(request.url);
      if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        note.fault = 'reset';
        // No response follows, so no onResponse hook: the console hears of it here.
        ctx.traffic.recordReset(request, reply);
        request.raw.socket.destroy();
        return reply.hijack();
      }
      if (fault.errorStatus !== undefined) {
        note.fault = 'error';
        return send(reply, injectedError(style.name, fault.errorStatus));
      }
      const decision = await ctx.limiter.check(principal.scope, def.rules);
      if (decision.state) reply.headers(style.rateLimitHeaders(decision.state));
      if (!decision.allowed && decision.state) {
        return problem(reply, { kind: 'rate_limited', state: decision.state });
      }
      if (fault.rateLimited) {
        note.fault = 'rate_limit';
        return problem(reply, { kind: 'rate_limited', state: forcedState(def.rules, ctx.now()) });
      }
    },
    // Schema validation errors, problems thrown by route code and anything else: the style's body.
    config: { pagewise: { style, endpoint } satisfies PagewiseRouteConfig } as FastifyContextConfig,
    errorHandler: styleErrorHandler(style),
    handler: async (request, reply) => {
      const principal = apiRequestNote(request)?.principal;
      if (!principal) return problem(reply, { kind: 'unauthorized', reason: 'missing' });
      return send(reply, await def.handler(request, principal));
    },
  });
}

/** The body of an injected error status, in the style's shape. */
function injectedError(styleName: string, status: number): StyleResponse {
  if (styleName === 'zoom') {
    return {
      status,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: { code: status, message: 'Injected fault (pagewise emulator).' },
    };
  }
  const title =
    status === 503 ? 'Service Unavailable' : status >= 500 ? 'Internal Server Error' : 'Error';
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { title, type: 'about:blank', status, detail: title },
  };
}

/** A 429 state for a forced burst: the route's first rule, exhausted until the next second. */
function forcedState(rules: readonly RateLimitRule[], now: number): RateLimitState {
  const rule = rules[0];
  return {
    limit: rule?.limit ?? 1,
    remaining: 0,
    used: rule?.limit ?? 1,
    resetAt: now + 1000,
    kind: rule?.kind ?? 'window',
    ...(rule?.category === undefined ? {} : { category: rule.category }),
    limited: true,
    now,
  };
}
