import { isKeyRing, type KeyRing } from './key-ring.js';
import { TokenConfigError } from './token-config-error.js';

/** Options of {@link TokenCodec}. */
export interface TokenCodecOptions {
  /** The keys to seal (newest) and open (all) with; see `keyRingFromEnv()`. */
  readonly keyRing: KeyRing;
  /**
   * Lifetime of a token in seconds, counted from sealing (an integer, 1 to 31,536,000).
   * @default 900 (15 minutes, as Zoom documents)
   */
  readonly ttlSeconds?: number;
  /**
   * Tolerated clock difference between the replica that sealed and the one
   * that opens, in seconds (an integer, 0 to 3600): a token stays valid this
   * much past its expiry, and may carry an issue time this far in the future.
   * @default 30
   */
  readonly clockSkewSeconds?: number;
  /**
   * The clock, in milliseconds since 1970 (inject a fake one in tests).
   * @default Date.now
   */
  readonly now?: () => number;
}

/** @internal {@link TokenCodecOptions} with every default filled in. */
export type ResolvedTokenCodecOptions = Required<TokenCodecOptions>;

/** Defaults of {@link TokenCodecOptions}. */
export const defaultTokenCodecOptions = Object.freeze({
  ttlSeconds: 900,
  clockSkewSeconds: 30,
  now: Date.now,
});

/** Longest TTL accepted: a year. Page tokens are for walking a list, not for storing. */
export const MAX_TTL_SECONDS = 31_536_000;
const MAX_SKEW_SECONDS = 3600;
const KNOWN_KEYS = new Set(['keyRing', 'ttlSeconds', 'clockSkewSeconds', 'now']);

/** @internal Validates the options and fills in defaults. */
export function normalizeTokenCodecOptions(options: TokenCodecOptions): ResolvedTokenCodecOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TokenConfigError('TokenCodec needs an options object with a keyRing.');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new TokenConfigError(
        `Unknown TokenCodec option '${key}'; known options: ${[...KNOWN_KEYS].join(', ')}.`,
      );
    }
  }
  if (!isKeyRing(options.keyRing)) {
    throw new TokenConfigError(
      'TokenCodec option keyRing must be a KeyRing (see keyRingFromEnv()).',
    );
  }
  const ttlSeconds = options.ttlSeconds ?? defaultTokenCodecOptions.ttlSeconds;
  checkTtl(ttlSeconds, 'TokenCodec option ttlSeconds');
  const clockSkewSeconds = options.clockSkewSeconds ?? defaultTokenCodecOptions.clockSkewSeconds;
  if (
    !Number.isInteger(clockSkewSeconds) ||
    clockSkewSeconds < 0 ||
    clockSkewSeconds > MAX_SKEW_SECONDS
  ) {
    throw new TokenConfigError(
      `TokenCodec option clockSkewSeconds must be an integer from 0 to ${MAX_SKEW_SECONDS}, got ${clockSkewSeconds}.`,
    );
  }
  const now = options.now ?? defaultTokenCodecOptions.now;
  if (typeof now !== 'function') {
    throw new TokenConfigError(
      'TokenCodec option now must be a function returning milliseconds since 1970.',
    );
  }
  return { keyRing: options.keyRing, ttlSeconds, clockSkewSeconds, now };
}

/** @internal Throws unless `ttl` is a whole number of seconds in range. */
export function checkTtl(ttl: number, what: string): void {
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw new TokenConfigError(
      `${what} must be an integer from 1 to ${MAX_TTL_SECONDS} seconds, got ${ttl}.`,
    );
  }
}
