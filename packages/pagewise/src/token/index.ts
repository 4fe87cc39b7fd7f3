/**
 * Page tokens: opaque, authenticated, expiring, bound to scope and query.
 *
 * @module
 */
export { type FingerprintQueryOptions, fingerprintQuery } from './fingerprint-query.js';
export { generateKeySpec } from './generate-key-spec.js';
export { InvalidCursorError } from './invalid-cursor-error.js';
export { KeyRing, type TokenKey } from './key-ring.js';
export { type KeyRingFromEnvOptions, keyRingFromEnv, TOKEN_KEYS_ENV } from './key-ring-from-env.js';
export { MAX_TOKEN_LENGTH, TokenCodec } from './token-codec.js';
export {
  defaultTokenCodecOptions,
  MAX_TTL_SECONDS,
  type TokenCodecOptions,
} from './token-codec-options.js';
export { TokenConfigError } from './token-config-error.js';
export { isTokenError, TOKEN_ERROR_CODES, TokenError, type TokenErrorCode } from './token-error.js';
export type {
  InspectExpectation,
  TokenBindingCheck,
  TokenInspection,
} from './token-inspection.js';
export { type CursorValue, type PageCursor, Timestamp, type TokenBinding } from './types.js';
