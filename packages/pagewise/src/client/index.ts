/**
 * pagewise client: paginate any HTTP API as a stream, with retries, a shared
 * rate-limit governor, cycle guards, checkpoints and parallel walks.
 *
 * Runs wherever `fetch` exists (Node, browsers, Deno, workers): it imports
 * nothing from `node:`. The file checkpoint store, which needs Node's file
 * system, lives in `pagewise/client/node`.
 *
 * @module
 */

// Wire facts that live in the styles, re-exported here as before for callers of the client.
export { parseLinkHeader } from '../styles/link/link-header.js';
export { parseRetryAfter } from '../styles/query-input.js';
export { ZOOM_INVALID_TOKEN_CODE } from '../styles/zoom/zoom-problems.js';
export { backoffDelay, isRetryableStatus, type RetryPolicy } from './backoff.js';
export type { CheckpointOptions } from './checkpoint-options.js';
export {
  type Checkpoint,
  type CheckpointStore,
  type JsonValue,
  MemoryCheckpointStore,
} from './checkpoint-store.js';
export {
  AbortedError,
  CheckpointError,
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  ClientOptionsError,
  CollectLimitError,
  CursorCycleError,
  EmptyPagesError,
  HttpError,
  InvalidPageTokenError,
  isAbortedError,
  isCheckpointError,
  isClientOptionsError,
  isCollectLimitError,
  isCursorCycleError,
  isEmptyPagesError,
  isHttpError,
  isInvalidPageTokenError,
  isMalformedResponseError,
  isNetworkError,
  isPaginationError,
  isRateLimitError,
  isRepeatedItemsError,
  isTotalChangedError,
  MAX_ERROR_BODY_CHARS,
  MalformedResponseError,
  NetworkError,
  PaginationError,
  RateLimitError,
  RepeatedItemsError,
  TotalChangedError,
} from './client-errors.js';
export { type Clock, systemClock } from './clock.js';
export { type Cursor, FIRST_PAGE } from './cursor.js';
export { detectPreset } from './detect-preset.js';
export type { FetchLike } from './fetch-page.js';
export { RateLimitGovernor, type Reservation } from './governor.js';
export { defaultGovernorRegistry, GovernorRegistry } from './governor-registry.js';
export { type ItemsReader, itemsAt, soleArray } from './items-reader.js';
export { defaultPaginateOptions } from './normalize-options.js';
export type { Page, ResponseMeta } from './page.js';
export { paginate, readCheckpoint } from './paginate.js';
export type {
  GuardOptions,
  HeadersLike,
  PaginateOptions,
  PaginateRequest,
  RetryOptions,
} from './paginate-options.js';
export { type CollectOptions, Paginator } from './paginator.js';
export {
  type BodyError,
  githubPreset,
  type IdWindowRecovery,
  type Preset,
  type PresetName,
  presets,
  slackPreset,
  stripePreset,
  xPreset,
  zoomPagesPreset,
  zoomPreset,
} from './presets.js';
export { nextUtcMidnight, type RateLimitInfo, readRateLimit } from './rate-limit-info.js';
export { type BodyCursorOptions, bodyCursor } from './strategies/body-cursor.js';
export { type LinkHeaderOptions, linkHeader } from './strategies/link-header.js';
export { type OffsetLimitOptions, offsetLimit } from './strategies/offset-limit.js';
export { type PageNumberOptions, pageNumber } from './strategies/page-number.js';
export { type XTokenOptions, xToken } from './strategies/x-token.js';
export { zoomToken } from './strategies/zoom-token.js';
export type { Strategy, StrategyContext, StrategyStep } from './strategy.js';
export { type TimeShardsOptions, timeShards } from './time-shards.js';
export type { TotalChange } from './walk-context.js';
export type { WalkState } from './walk-state.js';
