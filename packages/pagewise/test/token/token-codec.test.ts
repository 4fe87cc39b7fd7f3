import { describe, expect, it } from 'vitest';
import {
  fingerprintQuery,
  isTokenError,
  MAX_TOKEN_LENGTH,
  type PageCursor,
  Timestamp,
  TokenCodec,
  TokenConfigError,
  TokenError,
} from '../../src/token/index.js';
import { ringOf } from './fixtures.js';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);
const binding = { scope: 'user-1', query: 'fp' };
const cursor: PageCursor = {
  keys: [new Timestamp('2024-03-01 12:00:00.123456+00'), 1_760_000_000_000_000_123n],
  direction: 'after',
  window: [],
};

function clockedCodec(options: { ttlSeconds?: number; clockSkewSeconds?: number } = {}) {
  const clock = { now: T0 };
  const codec = new TokenCodec({ keyRing: ringOf('k1'), now: () => clock.now, ...options });
  return { clock, codec };
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (err) {
    return isTokenError(err) ? err.code : `other: ${String(err)}`;
  }
};

describe('expiry and clock skew', () => {
  it('a token lives 15 minutes by default, plus 30 s of clock skew', () => {
    const { clock, codec } = clockedCodec();
    const token = codec.seal(cursor, binding);
    clock.now = T0 + 900_000;
    expect(codeOf(() => codec.open(token, binding))).toBe('accepted');
    clock.now = T0 + 930_999;
    expect(codeOf(() => codec.open(token, binding))).toBe('accepted');
    clock.now = T0 + 931_000;
    expect(codeOf(() => codec.open(token, binding))).toBe('expired');
  });

  it('accepts a token issued slightly in the future (another replica), refuses one beyond the skew', () => {
    const { clock, codec } = clockedCodec({ clockSkewSeconds: 5 });
    clock.now = T0 + 5_000;
    const ahead = codec.seal(cursor, binding);
    clock.now = T0 + 6_000;
    const tooFar = codec.seal(cursor, binding);
    clock.now = T0;
    expect(codeOf(() => codec.open(ahead, binding))).toBe('accepted');
    expect(codeOf(() => codec.open(tooFar, binding))).toBe('expired');
  });

  it('honours a per-token TTL and the codec TTL', () => {
    const { clock, codec } = clockedCodec({ ttlSeconds: 60, clockSkewSeconds: 0 });
    const short = codec.seal(cursor, binding, { ttlSeconds: 10 });
    const normal = codec.seal(cursor, binding);
    const long = codec.seal(cursor, binding, { ttlSeconds: 86_400 });
    clock.now = T0 + 11_000;
    expect(codeOf(() => codec.open(short, binding))).toBe('expired');
    expect(codeOf(() => codec.open(normal, binding))).toBe('accepted');
    clock.now = T0 + 61_000;
    expect(codeOf(() => codec.open(normal, binding))).toBe('expired');
    expect(codeOf(() => codec.open(long, binding))).toBe('accepted');
    expect(() => codec.seal(cursor, binding, { ttlSeconds: 0 })).toThrow(TokenConfigError);
    expect(() => codec.seal(cursor, binding, { ttlSeconds: 1.5 })).toThrow(TokenConfigError);
  });

  it('works with clocks before the format epochs (e.g. a test clock at 0)', () => {
    const codec = new TokenCodec({ keyRing: ringOf('k1'), now: () => 1000 });
    expect(codec.open(codec.seal(cursor, binding), binding).keys.length).toBe(2);
  });
});

describe('binding', () => {
  it('tells wrong_scope from wrong_query from tampered', () => {
    const { codec } = clockedCodec();
    const token = codec.seal(cursor, binding);
    expect(codeOf(() => codec.open(token, { ...binding, scope: 'user-2' }))).toBe('wrong_scope');
    expect(codeOf(() => codec.open(token, { ...binding, query: 'other' }))).toBe('wrong_query');
    expect(codeOf(() => codec.open(token, { scope: 'user-2', query: 'other' }))).toBe(
      'wrong_scope',
    );
    const bytes = Buffer.from(token, 'base64url');
    bytes[bytes.length - 20]! ^= 1;
    expect(codeOf(() => codec.open(bytes.toString('base64url'), binding))).toBe('tampered');
  });

  it('binds the exact scope text, including unicode look-alikes and empty scopes', () => {
    const { codec } = clockedCodec();
    const scopes = ['', 'a', 'A', 'é', 'e\u0301', '\ud800', '\udc00', 'a\u0000'];
    for (const scope of scopes) {
      const token = codec.seal(cursor, { scope, query: 'q' });
      for (const other of scopes) {
        expect(codeOf(() => codec.open(token, { scope: other, query: 'q' }))).toBe(
          other === scope ? 'accepted' : 'wrong_scope',
        );
      }
    }
  });

  it('a token opens with the same query under a different page size when the style excludes it', () => {
    const { codec } = clockedCodec();
    const options = { list: 'GET /v2/users', exclude: ['next_page_token', 'page_size'] };
    const first = fingerprintQuery({ status: 'active', page_size: '30' }, options);
    const token = codec.seal(cursor, { scope: 's', query: first });
    const second = fingerprintQuery(
      { status: 'active', page_size: '300', next_page_token: token },
      options,
    );
    expect(codeOf(() => codec.open(token, { scope: 's', query: second }))).toBe('accepted');
    const changed = fingerprintQuery({ status: 'inactive', next_page_token: token }, options);
    expect(codeOf(() => codec.open(token, { scope: 's', query: changed }))).toBe('wrong_query');
  });
});

describe('format', () => {
  it('a typical token (timestamp + 64-bit id) is at most 100 characters, base64url without padding', () => {
    const { codec } = clockedCodec();
    const forms = [
      '2024-03-01 12:00:00.123456+00',
      '2024-03-01T12:00:00.123Z',
      '2026-11-26 04:00:00.999999+05:30',
    ];
    for (const text of forms) {
      for (const direction of ['after', 'before'] as const) {
        const token = codec.seal(
          { keys: [new Timestamp(text), 9_223_372_036_854_775_807n], direction, window: [] },
          binding,
        );
        expect(token.length, text).toBeLessThanOrEqual(100);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      }
    }
  });

  it('starts with the version byte and the key id in clear, and hides everything else', () => {
    const { codec } = clockedCodec();
    const secretish = 'customer-email@example.com';
    const token = codec.seal(
      { keys: [secretish, 123_456_789], direction: 'after', window: [] },
      binding,
    );
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes[0]).toBe(1);
    expect(bytes.toString('latin1', 2, 2 + bytes[1]!)).toBe('k1');
    expect(bytes.toString('latin1')).not.toContain(secretish);
    expect(bytes.toString('latin1')).not.toContain('user-1');
    // Fresh nonce: the same cursor never gives the same token.
    expect(codec.seal(cursor, binding)).not.toBe(codec.seal(cursor, binding));
  });

  it('refuses tokens of the wrong version as unsupported_version', () => {
    const { codec } = clockedCodec();
    const bytes = Buffer.from(codec.seal(cursor, binding), 'base64url');
    for (const version of [0, 2, 255]) {
      bytes[0] = version;
      expect(codeOf(() => codec.open(bytes.toString('base64url'), binding))).toBe(
        'unsupported_version',
      );
    }
  });
});

describe('open() throws only TokenError', () => {
  it('for any input, including non-strings and oversized strings', () => {
    const { codec } = clockedCodec();
    const inputs: unknown[] = [
      '',
      'A',
      '====',
      'AQ',
      'a'.repeat(MAX_TOKEN_LENGTH + 1),
      'A'.repeat(100_000),
      '\u0000',
      '😀',
      ` ${codec.seal(cursor, binding)}`,
      `${codec.seal(cursor, binding)}=`,
      undefined,
      null,
      42,
      {},
      ['x'],
    ];
    for (const input of inputs) {
      let error: unknown;
      try {
        codec.open(input as string, binding);
      } catch (err) {
        error = err;
      }
      expect(error, String(input).slice(0, 20)).toBeInstanceOf(TokenError);
      expect((error as TokenError).code).toBe('malformed');
      expect((error as TokenError).name).toBe('TokenError');
    }
  });

  it('error messages say what to do and never contain the token or binding', () => {
    const { codec } = clockedCodec();
    const token = codec.seal(cursor, binding);
    try {
      codec.open(token, { scope: 'someone-else', query: 'fp' });
      expect.unreachable();
    } catch (err) {
      expect(isTokenError(err)).toBe(true);
      const message = (err as Error).message;
      expect(message).toMatch(/first page/);
      expect(message).not.toContain(token.slice(0, 20));
      expect(message).not.toContain('user-1');
      expect(message).not.toContain('someone-else');
    }
  });
});

describe('options', () => {
  it('are validated once, with unknown keys refused', () => {
    const keyRing = ringOf('k1');
    expect(() => new TokenCodec({ keyRing, ttlSeconds: 0 })).toThrow(TokenConfigError);
    expect(() => new TokenCodec({ keyRing, ttlSeconds: 31_536_001 })).toThrow(TokenConfigError);
    expect(() => new TokenCodec({ keyRing, clockSkewSeconds: -1 })).toThrow(TokenConfigError);
    expect(() => new TokenCodec({ keyRing, clockSkewSeconds: 3601 })).toThrow(TokenConfigError);
    expect(() => new TokenCodec({ keyRing, ttl: 5 } as never)).toThrow(
      /Unknown TokenCodec option 'ttl'/,
    );
    expect(() => new TokenCodec({ keyRing: {} as never })).toThrow(/must be a KeyRing/);
    expect(() => new TokenCodec({ keyRing, now: 5 as never })).toThrow(TokenConfigError);
  });

  it('a bad binding is a programming error (TypeError), not a token error', () => {
    const { codec } = clockedCodec();
    expect(() => codec.seal(cursor, { scope: 1, query: 'q' } as never)).toThrow(TypeError);
    expect(() => codec.open('x', { scope: 's' } as never)).toThrow(TypeError);
  });
});
