import { describe, expectTypeOf, it } from 'vitest';
import {
  type CursorValue,
  fingerprintQuery,
  generateKeySpec,
  isTokenError,
  type KeyRing,
  keyRingFromEnv,
  type PageCursor,
  type TokenBinding,
  type TokenCodec,
  type TokenCodecOptions,
  type TokenError,
  type TokenErrorCode,
  type TokenInspection,
} from '../../src/token/index.js';

// Pins the public signatures other parts code against; checked by `tsc --noEmit`.
describe('public types of pagewise/token', () => {
  it('keeps the codec, key ring and helper signatures', () => {
    expectTypeOf<TokenCodec['seal']>().toEqualTypeOf<
      (
        cursor: PageCursor,
        binding: TokenBinding,
        options?: { readonly ttlSeconds?: number },
      ) => string
    >();
    expectTypeOf<TokenCodec['open']>().toEqualTypeOf<
      (token: string, binding: TokenBinding) => PageCursor
    >();
    expectTypeOf<TokenCodec['inspect']>().toEqualTypeOf<
      (token: string, expected?: Partial<TokenBinding>) => TokenInspection
    >();
    expectTypeOf<TokenInspection['refusal']>().toEqualTypeOf<
      'wrong_scope' | 'wrong_query' | 'expired' | null
    >();
    expectTypeOf<TokenCodecOptions['keyRing']>().toEqualTypeOf<KeyRing>();
    expectTypeOf(keyRingFromEnv).returns.toEqualTypeOf<KeyRing>();
    expectTypeOf(generateKeySpec).toEqualTypeOf<(id?: string) => string>();
    expectTypeOf(fingerprintQuery).returns.toEqualTypeOf<string>();
    expectTypeOf<TokenError['code']>().toEqualTypeOf<TokenErrorCode>();
    expectTypeOf<TokenErrorCode>().toEqualTypeOf<
      | 'malformed'
      | 'unsupported_version'
      | 'unknown_key'
      | 'tampered'
      | 'wrong_scope'
      | 'wrong_query'
      | 'expired'
    >();
    expectTypeOf(isTokenError).guards.toEqualTypeOf<TokenError>();
    expectTypeOf<PageCursor['keys']>().toEqualTypeOf<readonly CursorValue[]>();
  });
});
