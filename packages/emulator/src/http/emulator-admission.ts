import type { FastifyRequest } from 'fastify';
import type { AdmissionOptions, AdmissionVerdict } from 'pagewise/fastify';
import {
  type RateLimitRule,
  type RateLimitState,
  type StyleEndpoint,
  StyleProblemError,
  type WireStyle,
} from 'pagewise/styles';
import type { Principal, XAuth } from '../auth/principal.js';
import type { EmulatorContext } from '../emulator-context.js';
import { apiRequestNote, noteApiRequest } from './api-request-note.js';

/** The principal admission resolved for a request (routes read `me` from it). */
export function principalOf(request: FastifyRequest): Principal {
  const principal = apiRequestNote(request)?.principal;
  // Admission runs before every handler of an API route: a request without one was never admitted.
  if (principal === undefined)
    throw new StyleProblemError({ kind: 'unauthorized', reason: 'missing' });
  return principal;
}

/** What a route adds to the emulator's admission. */
export interface EmulatorAdmissionOptions {
  /**
   * The only kind of X token the endpoint takes: `user` (the home
   * timeline), `app` (full-archive search). A token of the other kind gets
   * X's 403 "Unsupported Authentication".
   * @default both kinds
   */
  readonly tokens?: XAuth;
  /**
   * Quotas counted before the endpoint's own (e.g. full-archive search's
   * one request per second).
   * @default none
   */
  readonly extraRules?: readonly RateLimitRule[];
}

/**
 * How the emulator admits an API request, as the real APIs do (credentials
 * first, then quotas, then parameters): bearer auth (401 in the style's
 * shape), the kind of token the endpoint takes (403), the injected faults
 * (latency, a reset connection, an error status, a forced 429 burst), then
 * the rate limit of the endpoint's quota in its style: X counts app tokens
 * against the app limit and user tokens against the user limit.
 */
export function emulatorAdmission<E extends StyleEndpoint>(
  ctx: EmulatorContext,
  style: WireStyle<E>,
  endpoint: E,
  options: EmulatorAdmissionOptions = {},
): AdmissionOptions<FastifyRequest> {
  // The emulated account: Zoom's Pro plan, X's limits per kind of token: each style's defaults.
  const extra = options.extraRules ?? [];
  const appRules = [...extra, ...style.rateLimitRules(endpoint, { auth: 'app' })];
  const userRules = [...extra, ...style.rateLimitRules(endpoint, { auth: 'user' })];
  const rules = (request: FastifyRequest) =>
    apiRequestNote(request)?.principal.xAuth === 'user' ? userRules : appRules;
  return {
    scope: async (request) => {
      const authorization = request.headers.authorization;
      const principal = await ctx.principals.resolve(authorization);
      if (!principal) {
        throw new StyleProblemError({
          kind: 'unauthorized',
          reason: authorization ? 'invalid' : 'missing',
        });
      }
      noteApiRequest(request, principal);
      return principal.scope;
    },
    admit: async (request): Promise<AdmissionVerdict> => {
      const xAuth = apiRequestNote(request)?.principal.xAuth;
      if (options.tokens !== undefined && xAuth !== undefined && xAuth !== options.tokens) {
        return { kind: 'forbidden', unsupportedAuth: xAuth };
      }
      const fault = ctx.faults.decide(request.url);
      if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
      const note = apiRequestNote(request);
      if (fault.reset) {
        if (note) note.fault = 'reset';
        // No response follows, so no onResponse hook: the console hears of it here.
        ctx.traffic.recordReset(request);
        return 'drop';
      }
      if (fault.errorStatus !== undefined) {
        if (note) note.fault = 'error';
        return {
          kind: 'fault',
          status: fault.errorStatus,
          message: 'Injected fault (pagewise emulator).',
        };
      }
      if (fault.rateLimited) {
        if (note) note.fault = 'rate_limit';
        return { kind: 'rate_limited', state: forcedState(rules(request)[0], ctx.now()) };
      }
      return undefined;
    },
    rateLimit: { limiter: ctx.limiter, rules },
    onInternalError: (error, request) =>
      request.log.error({ err: error }, 'emulator request failed'),
  };
}

/** A 429 state for a forced burst: the route's first rule, exhausted until the next second. */
function forcedState(rule: RateLimitRule | undefined, now: number): RateLimitState {
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
