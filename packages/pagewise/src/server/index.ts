/**
 * Server adapters: serve an engine list in a wire style on Fastify
 * (`fastifyPageRoute`, `fastifyStyleRoute` for single resources,
 * `styleErrorHandler`) or on any fetch-style framework
 * (`fetchPageHandler`), with one admission path (scope, checks, rate limit)
 * and a fixed-window rate limiter counting the styles' quotas.
 *
 * @module
 */
export {
  type Admission,
  type AdmissionOptions,
  type AdmissionResult,
  type AdmissionVerdict,
  createAdmission,
  isStyleResponse,
  type RouteRateLimit,
} from './admission.js';
export {
  admissionHook,
  admissionOf,
  type FastifyPageRouteOptions,
  fastifyPageRoute,
  mergeQuerySchema,
  type PagewiseRouteConfig,
  requestUrl,
  sendStyleResponse,
} from './fastify-page-route.js';
export {
  type FastifyStyleRouteOptions,
  fastifyStyleRoute,
  type StyleRequest,
} from './fastify-style-route.js';
export { fetchPageHandler } from './fetch-page-handler.js';
export { MemoryRateLimitStore } from './memory-rate-limit-store.js';
export {
  createPageResponder,
  type PagedRequest,
  type PageResponder,
  type PageResponderOptions,
} from './page-responder.js';
export type { RateLimitDecision, RateLimitRule } from './rate-limit-rule.js';
export type { CounterRequest, CounterResult, RateLimitStore } from './rate-limit-store.js';
export {
  createRateLimiter,
  defaultRateLimiterOptions,
  normalizeRateLimiterOptions,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.js';
export { RateLimiterConfigError } from './rate-limiter-config-error.js';
export { RouteConfigError } from './route-config-error.js';
export { serializeBody } from './serialize-body.js';
export { styleErrorHandler } from './style-error-handler.js';
export { styleFrameworkErrors } from './style-framework-errors.js';
