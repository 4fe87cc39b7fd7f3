import { isPagewiseError, PagewiseError } from '../errors/pagewise-error.js';

/**
 * Every reason {@link TokenCodec.open} can refuse a page token, in the order
 * the checks run.
 */
export const TOKEN_ERROR_CODES = [
  'malformed',
  'unsupported_version',
  'unknown_key',
  'tampered',
  'wrong_scope',
  'wrong_query',
  'expired',
] as const;

/**
 * Why a page token was refused:
 * - `malformed`: not a page token at all (bad characters, wrong length, garbage).
 * - `unsupported_version`: a token format this version of pagewise cannot read.
 * - `unknown_key`: sealed with a key that is not (or no longer) in the key ring.
 * - `tampered`: the authenticated encryption check failed (changed bytes, foreign key with a known id).
 * - `wrong_scope`: a genuine token, issued to another scope (principal, tenant).
 * - `wrong_query`: a genuine token, issued for another query.
 * - `expired`: a genuine token past its lifetime (or issued in the future beyond the allowed clock skew).
 */
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

/**
 * The only error {@link TokenCodec.open} throws: the page token cannot be
 * used. It is always the caller's fault (HTTP 400), never the server's.
 * The message says what to do; it never contains key material or the
 * token's contents.
 *
 * @example
 * ```ts
 * try { cursor = codec.open(token, binding); }
 * catch (err) { if (isTokenError(err) && err.code === 'expired') restartFromFirstPage(); else throw err; }
 * ```
 */
export class TokenError extends PagewiseError {
  declare readonly code: TokenErrorCode;

  constructor(code: TokenErrorCode, message: string) {
    super(code, message);
    this.name = 'TokenError';
  }
}

/** True when `value` is a {@link TokenError}, also across realms (checks `name` and `code`). */
export function isTokenError(value: unknown): value is TokenError {
  if (value instanceof TokenError) return true;
  return (
    isPagewiseError(value) &&
    value.name === 'TokenError' &&
    (TOKEN_ERROR_CODES as readonly string[]).includes(value.code)
  );
}
