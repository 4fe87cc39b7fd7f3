/**
 * Server adapters: serve an engine list in a wire style on Fastify
 * (`fastifyPageRoute`, `styleErrorHandler`) or on any fetch-style framework
 * (`fetchPageHandler`), with a fixed-window rate limiter for the styles'
 * quotas.
 *
 * @module
 */
export {
  type FastifyPageRouteOptions,
  fastifyPageRoute,
  type PagewiseRouteConfig,
  requestUrl,
  sendStyleResponse,
} from './fastify-page-route.js';
export { fetchPageHandler } from './fetch-page-handler.js';
export { MemoryRateLimitStore } from './memory-rate-limit-store.js';
export {
  type Admission,
  createPageResponder,
  isStyleResponse,
  type PageResponder,
  type PageResponderOptions,
  type RouteRateLimit,
} from './page-responder.js';
export type { RateLimitDecision, RateLimitRule } from './rate-limit-rule.js';
export {
  linkRateLimitRules,
  xRateLimitRules,
  ZOOM_DAILY_CAPS,
  ZOOM_RATES,
  type ZoomPlan,
  zoomRateLimitRules,
} from './rate-limit-rules.js';
export type { CounterRequest, CounterResult, RateLimitStore } from './rate-limit-store.js';
export {
  createRateLimiter,
  defaultRateLimiterOptions,
  normalizeRateLimiterOptions,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.js';
export { RateLimiterConfigError } from './rate-limiter-config-error.js';
export { serializeBody } from './serialize-body.js';
export { styleErrorHandler } from './style-error-handler.js';
export {
  linkErrorSchema,
  linkPageSchema,
  linkQuerySchema,
  pagingQuerySchema,
  pagingResponseSchemas,
  xInvalidRequestSchema,
  xPageSchema,
  xProblemSchema,
  xQuerySchema,
  zoomErrorSchema,
  zoomPageSchema,
  zoomQuerySchema,
} from './style-schemas.js';
