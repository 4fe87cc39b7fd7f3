import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTokenError,
  KeyRing,
  type PageCursor,
  Timestamp,
  TokenCodec,
  type TokenErrorCode,
} from '../../src/token/index.js';
import { newKey, pageCursor, ringOf, sameCursor } from './fixtures.js';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);
const binding = { scope: 'user-1', query: 'fp-1' };
const cursor: PageCursor = {
  keys: [new Timestamp('2024-03-01 12:00:00.123456+00'), 1_760_000_000_000_000_123n],
  direction: 'after',
  window: [null, 42],
};

function clocked(options: { ttlSeconds?: number; clockSkewSeconds?: number } = {}) {
  const clock = { now: T0 };
  const ring = ringOf('k1');
  const codec = new TokenCodec({ keyRing: ring, now: () => clock.now, ...options });
  return { clock, codec, ring };
}

/** The code a call throws ('ok' when it returns), failing on anything that is not a TokenError. */
function outcome(f: () => unknown): TokenErrorCode | 'ok' {
  try {
    f();
    return 'ok';
  } catch (err) {
    if (!isTokenError(err)) throw err;
    return err.code;
  }
}

describe('TokenCodec.inspect: what a genuine token holds', () => {
  it('reports key, issue time, lifetime and the cursor, with nothing checked by default', () => {
    const { codec } = clocked({ ttlSeconds: 600 });
    const token = codec.seal(cursor, binding);
    const seen = codec.inspect(token);
    expect(seen).toMatchObject({
      keyId: 'k1',
      issuedAtMs: T0,
      ttlSeconds: 600,
      expiresAtMs: T0 + 600_000,
      expired: false,
      scope: 'unchecked',
      query: 'unchecked',
      refusal: null,
    });
    expect(sameCursor(seen.cursor, cursor)).toBe(true);
    expect(sameCursor(seen.cursor, codec.open(token, binding))).toBe(true);
    expect(Object.isFrozen(seen)).toBe(true);
    expect(Object.isFrozen(seen.cursor.keys)).toBe(true);
  });

  it('compares the binding it is given, and names the refusal open() would give, in its order', () => {
    const { codec } = clocked();
    const token = codec.seal(cursor, binding);
    expect(codec.inspect(token, binding)).toMatchObject({
      scope: 'match',
      query: 'match',
      refusal: null,
    });
    expect(codec.inspect(token, { scope: 'user-2' })).toMatchObject({
      scope: 'mismatch',
      query: 'unchecked',
      refusal: 'wrong_scope',
    });
    expect(codec.inspect(token, { query: 'fp-2' })).toMatchObject({
      scope: 'unchecked',
      query: 'mismatch',
      refusal: 'wrong_query',
    });
    expect(codec.inspect(token, { scope: 'user-2', query: 'fp-2' }).refusal).toBe('wrong_scope');
    expect(outcome(() => codec.open(token, { scope: 'user-2', query: 'fp-2' }))).toBe(
      'wrong_scope',
    );
  });

  it('still reads an expired token (and one issued beyond the clock skew), saying so', () => {
    const { clock, codec } = clocked({ ttlSeconds: 60, clockSkewSeconds: 5 });
    const token = codec.seal(cursor, binding);
    clock.now = T0 + 65_000;
    expect(codec.inspect(token, binding)).toMatchObject({ expired: false, refusal: null });
    clock.now = T0 + 66_000;
    const late = codec.inspect(token, binding);
    expect(late).toMatchObject({ expired: true, refusal: 'expired', expiresAtMs: T0 + 60_000 });
    expect(sameCursor(late.cursor, cursor)).toBe(true);
    expect(outcome(() => codec.open(token, binding))).toBe('expired');
    // A replica whose clock runs 6 s ahead sealed this one.
    clock.now = T0 + 6_000;
    const ahead = codec.seal(cursor, binding);
    clock.now = T0;
    expect(codec.inspect(ahead).expired).toBe(true);
    expect(outcome(() => codec.open(ahead, binding))).toBe('expired');
  });

  it('agrees with open() for any cursor, binding, guess and clock (property)', () => {
    const { clock, codec } = clocked({ ttlSeconds: 120, clockSkewSeconds: 10 });
    fc.assert(
      fc.property(
        pageCursor,
        fc.constantFrom('a', 'b'),
        fc.constantFrom('q1', 'q2'),
        fc.constantFrom('a', 'b'),
        fc.constantFrom('q1', 'q2'),
        fc.integer({ min: -20_000, max: 200_000 }),
        (c, scope, query, guessScope, guessQuery, later) => {
          clock.now = T0;
          const token = codec.seal(c, { scope, query });
          clock.now = T0 + later;
          const guess = { scope: guessScope, query: guessQuery };
          const seen = codec.inspect(token, guess);
          const opened = outcome(() => codec.open(token, guess));
          expect(seen.refusal ?? 'ok').toBe(opened);
          expect(sameCursor(seen.cursor, c)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('TokenCodec.inspect refuses what open() refuses before reading', () => {
  it('refuses every single-bit change of a token with the same code as open()', () => {
    const { codec } = clocked();
    const token = codec.seal(cursor, binding);
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const changed = Buffer.from(bytes);
        changed[i]! ^= bit;
        const forged = changed.toString('base64url');
        const code = outcome(() => codec.inspect(forged, binding));
        expect(['malformed', 'unsupported_version', 'unknown_key', 'tampered']).toContain(code);
        expect(code).toBe(outcome(() => codec.open(forged, binding)));
      }
    }
  });

  it('refuses tokens of another deployment, of a retired key, and garbage', () => {
    const { codec, ring } = clocked();
    const foreign = new TokenCodec({ keyRing: new KeyRing([{ id: 'k1', key: newKey() }]) });
    expect(outcome(() => codec.inspect(foreign.seal(cursor, binding)))).toBe('tampered');
    ring.addKey('k2', newKey()); // k2 seals from now on
    const sealedWithK2 = codec.seal(cursor, binding);
    expect(codec.inspect(sealedWithK2).keyId).toBe('k2');
    ring.retireKey('k2');
    expect(outcome(() => codec.inspect(sealedWithK2))).toBe('unknown_key');
    for (const junk of ['', 'not a token', 'A'.repeat(3000), 'AQJrMQ', '\u0000']) {
      expect(outcome(() => codec.inspect(junk))).toBe('malformed');
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(outcome(() => codec.inspect(s))).not.toBe('ok');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a non-string expectation as a programming error', () => {
    const { codec } = clocked();
    const token = codec.seal(cursor, binding);
    expect(() => codec.inspect(token, { scope: 1 as unknown as string })).toThrow(TypeError);
    expect(() => codec.inspect(token, null as unknown as { scope?: string })).toThrow(TypeError);
  });
});
