import {
  problemFromError,
  type StyleEndpoint,
  type StyleProblem,
  type StyleResponse,
  type WireStyle,
} from '../styles/index.js';
import type { RateLimitRule } from './rate-limit-rule.js';
import type { RateLimiter } from './rate-limiter.js';

/** Rate limiting of one route. */
export interface RouteRateLimit<Req> {
  /** The limiter (shared by every route that counts against it). */
  readonly limiter: RateLimiter;
  /**
   * The quotas counted: fixed rules, or a function choosing them per request
   * (e.g. app vs user token).
   * @default the style's rules for the endpoint (`style.rateLimitRules(endpoint)`)
   */
  readonly rules?:
    | readonly RateLimitRule[]
    | ((request: Req, scope: string) => readonly RateLimitRule[]);
  /**
   * Who is counted: Zoom counts per account, X per app or user.
   * @default the request's scope
   */
  readonly principal?: (request: Req, scope: string) => string;
}

/**
 * What a check run during admission decides: let the request through
 * (`undefined`), refuse it with a problem in the style's shape, or `'drop'`
 * the connection without an answer (fault injection: a reset socket).
 */
export type AdmissionVerdict = StyleProblem | 'drop' | undefined;

/** How requests to a route are admitted, in the order the real APIs check. */
export interface AdmissionOptions<Req> {
  /**
   * The caller's scope (principal, tenant) that page tokens are bound to.
   * Throw `new StyleProblemError({ kind: 'unauthorized', reason: 'missing' })`
   * to refuse the request in the style's 401 shape.
   */
  readonly scope: (request: Req) => string | Promise<string>;
  /**
   * A check after authentication and before the rate limit: maintenance
   * mode, blocked callers, injected faults (a delay, an error status, a
   * dropped connection). Throwing a `StyleProblemError` works as returning
   * its problem.
   * @default none
   */
  readonly admit?: (request: Req, scope: string) => AdmissionVerdict | Promise<AdmissionVerdict>;
  /** Rate limiting; checked after `scope` and `admit`. @default none */
  readonly rateLimit?: RouteRateLimit<Req>;
  /** Called with every error answered as a 500 (never with caller errors). @default none */
  readonly onInternalError?: (error: unknown, request: Req) => void;
}

/** A request that passed authentication, the checks and the rate limit. */
export interface Admission {
  /** The caller's scope. */
  readonly scope: string;
  /** Rate-limit headers to send with the answer, whatever it is. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The outcome of admitting a request: admitted, refused with a response, or to be dropped. */
export type AdmissionResult = Admission | StyleResponse | 'drop';

/**
 * The headers of an admission without rate limiting: one shared empty
 * object, so answers can skip merging them.
 * @internal
 */
export const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** True when `value` is an error answer from an admission. */
export function isStyleResponse(value: AdmissionResult): value is StyleResponse {
  return typeof value === 'object' && 'status' in value;
}

/**
 * Builds the admission of one route, once: scope (401), the route's own
 * check, then the rate limit (429), each refusal written in the route's
 * style. The rate-limit headers of an admitted request go with whatever it
 * is answered, as the real APIs do.
 */
export function createAdmission<E extends StyleEndpoint, Req>(
  style: WireStyle<E>,
  endpoint: E,
  options: AdmissionOptions<Req>,
): (request: Req) => Promise<AdmissionResult> {
  const { rateLimit } = options;
  const fixedRules =
    rateLimit === undefined
      ? undefined
      : typeof rateLimit.rules === 'function'
        ? undefined
        : (rateLimit.rules ?? style.rateLimitRules(endpoint));
  const refuse = (problem: StyleProblem): StyleResponse => style.formatProblem(problem, endpoint);
  return async (request) => {
    try {
      const scope = await options.scope(request);
      if (options.admit !== undefined) {
        const verdict = await options.admit(request, scope);
        if (verdict === 'drop') return 'drop';
        if (verdict !== undefined) return refuse(verdict);
      }
      if (rateLimit === undefined) return { scope, headers: NO_HEADERS };
      const rules =
        fixedRules ??
        (rateLimit.rules as (request: Req, scope: string) => readonly RateLimitRule[])(
          request,
          scope,
        );
      const principal = rateLimit.principal?.(request, scope) ?? scope;
      const decision = await rateLimit.limiter.check(principal, rules);
      if (decision.state === undefined) return { scope, headers: NO_HEADERS };
      if (!decision.allowed) return refuse({ kind: 'rate_limited', state: decision.state });
      return { scope, headers: style.rateLimitHeaders(decision.state) };
    } catch (error) {
      const problem = problemFromError(error, {
        pageSizeParam: style.pageSizeParam,
        pageSize: endpoint.pageSize,
      });
      if (problem.kind === 'internal') options.onInternalError?.(error, request);
      return refuse(problem);
    }
  };
}
