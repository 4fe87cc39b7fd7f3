import { randomBytes } from 'node:crypto';
import { TokenConfigError } from './token-config-error.js';

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * A new `id:base64key` entry for `PAGEWISE_TOKEN_KEYS` (32 random bytes,
 * standard base64). The default id is `k` plus the minutes since 2024 in
 * base 36 (e.g. `k1a2b3`), so ids sort roughly by age and stay short: the id
 * travels in clear in every token.
 *
 * @example
 * ```ts
 * console.log(generateKeySpec('k2')); // k2:q3v0...=
 * ```
 * @throws TokenConfigError when `id` is not 1-32 characters of `A-Z a-z 0-9 . _ -`.
 */
export function generateKeySpec(id?: string): string {
  const keyId = id ?? `k${Math.floor((Date.now() - Date.UTC(2024, 0, 1)) / 60_000).toString(36)}`;
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new TokenConfigError('A key id must be 1-32 characters of A-Z a-z 0-9 . _ -');
  }
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}
