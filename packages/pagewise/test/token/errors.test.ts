import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPagewiseError, PagewiseError } from '../../src/errors/index.js';
import * as token from '../../src/token/index.js';

const readme = readFileSync(new URL('../../../../docs/token.md', import.meta.url), 'utf8');

describe('token error catalogue', () => {
  it('has the seven codes of the issue, unique, each documented in the README table', () => {
    expect([...token.TOKEN_ERROR_CODES].sort()).toEqual(
      [
        'expired',
        'malformed',
        'tampered',
        'unknown_key',
        'unsupported_version',
        'wrong_query',
        'wrong_scope',
      ].sort(),
    );
    expect(new Set(token.TOKEN_ERROR_CODES).size).toBe(token.TOKEN_ERROR_CODES.length);
    for (const code of token.TOKEN_ERROR_CODES)
      expect(readme).toMatch(new RegExp(`\\| \`${code}\` +\\|`));
    for (const code of ['invalid_cursor', 'invalid_token_config'])
      expect(readme).toContain(`\`${code}\``);
  });

  it('errors are PagewiseErrors with stable name and code, recognised across realms', () => {
    const errors = [
      new token.TokenError('expired', 'm'),
      new token.InvalidCursorError('m'),
      new token.TokenConfigError('m'),
    ];
    expect(errors.map((e) => [e.name, e.code])).toEqual([
      ['TokenError', 'expired'],
      ['InvalidCursorError', 'invalid_cursor'],
      ['TokenConfigError', 'invalid_token_config'],
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(PagewiseError);
      expect(isPagewiseError(e)).toBe(true);
    }
    expect(token.isTokenError(errors[0])).toBe(true);
    expect(token.isTokenError(errors[1])).toBe(false);
    expect(token.isTokenError(new Error('expired'))).toBe(false);
    // A TokenError from another copy of the package: same brand, name and code.
    const foreign = Object.assign(new Error('x'), { name: 'TokenError', code: 'tampered' });
    Object.defineProperty(foreign, Symbol.for('pagewise.error'), { value: true });
    expect(token.isTokenError(foreign)).toBe(true);
  });

  it('the public entry exports exactly the documented names', () => {
    expect(Object.keys(token).sort()).toEqual(
      [
        'InvalidCursorError',
        'KeyRing',
        'MAX_TOKEN_LENGTH',
        'MAX_TTL_SECONDS',
        'TOKEN_ERROR_CODES',
        'TOKEN_KEYS_ENV',
        'Timestamp',
        'TokenCodec',
        'TokenConfigError',
        'TokenError',
        'defaultTokenCodecOptions',
        'fingerprintQuery',
        'generateKeySpec',
        'isTokenError',
        'keyRingFromEnv',
      ].sort(),
    );
  });
});
