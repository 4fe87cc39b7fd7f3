import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fingerprintQuery,
  InvalidCursorError,
  type PageCursor,
  Timestamp,
  type TokenBinding,
  TokenCodec,
} from '../../src/token/index.js';
import {
  anyUtf16,
  cursorValue,
  pageCursor,
  ringOf,
  sameCursor,
  sameValue,
  timestampText,
} from './fixtures.js';

const runs = Number(process.env['PAGEWISE_FUZZ_RUNS'] ?? 0) > 0 ? 5000 : 1000;

describe('page tokens carry cursors exactly', () => {
  const rings = [ringOf('k1'), ringOf('a', 'b', 'c'), ringOf('key.with-a_long.id-of-32-chars-x')];
  const codecs = rings.map((keyRing) => new TokenCodec({ keyRing }));

  it('any cursor comes back with the same values, types and direction', () => {
    fc.assert(
      fc.property(
        pageCursor,
        fc.string({ unit: 'binary' }),
        anyUtf16,
        fc.nat(codecs.length - 1),
        (cursor, scope, query, which) => {
          const codec = codecs[which]!;
          const binding = { scope, query };
          const token = sealUnlessTooLarge(codec, cursor, binding);
          if (token === undefined) return;
          const opened = codec.open(token, binding);
          expect(sameCursor(opened, cursor)).toBe(true);
          expect(Object.isFrozen(opened) && Object.isFrozen(opened.keys)).toBe(true);
          expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        },
      ),
      { numRuns: runs },
    );
  });

  it('timestamps keep their exact text, whatever the shape', () => {
    const codec = codecs[0]!;
    const binding = { scope: 's', query: 'q' };
    fc.assert(
      fc.property(timestampText, (text) => {
        const cursor: PageCursor = { keys: [new Timestamp(text)], direction: 'after', window: [] };
        const [value] = codec.open(codec.seal(cursor, binding), binding).keys;
        expect(value).toBeInstanceOf(Timestamp);
        expect((value as Timestamp).text).toBe(text);
      }),
      { numRuns: runs * 2 },
    );
  });

  it('keeps the edge values: -0, lone surrogates, huge bigints, microseconds', () => {
    const codec = codecs[1]!;
    const binding = { scope: 'tenant-1', query: 'q' };
    const values = [
      -0,
      0,
      0.1,
      -1e-300,
      Number.MAX_SAFE_INTEGER + 2,
      '\ud800',
      '\udc00x\ud83d',
      '😀 é 中',
      '',
      2n ** 2000n,
      -(2n ** 2000n),
      0n,
      -1n,
      18_446_744_073_709_551_615n,
      -9_223_372_036_854_775_808n,
      new Timestamp('2024-03-01 12:00:00.123456+00'),
      new Timestamp('2024-03-01T12:00:00.123Z'),
      new Timestamp('1969-12-31 23:59:59.999999-08'),
      new Timestamp('2024-02-29 00:00:00+05:30'),
      new Timestamp('2023-02-29 00:00:00+00'),
      new Timestamp('2024-03-01 24:00:00+00'),
      new Timestamp('2024-03-01 12:00:00-00'),
      new Timestamp('infinity'),
      true,
      false,
      null,
    ] as const;
    const cursor: PageCursor = {
      keys: values,
      direction: 'before',
      window: [values[0], values[9]],
    };
    const opened = codec.open(codec.seal(cursor, binding), binding);
    expect(opened.keys.length).toBe(values.length);
    opened.keys.forEach((v, i) => {
      expect(sameValue(v, values[i]!), `value ${i}`).toBe(true);
    });
    expect(sameCursor(opened, cursor)).toBe(true);
  });

  it('accepts a Timestamp from another copy of the package and returns its own', () => {
    const codec = codecs[0]!;
    const binding = { scope: 's', query: 'q' };
    class Timestamp2 {
      constructor(readonly text: string) {}
    }
    Object.defineProperty(Timestamp2, 'name', { value: 'Timestamp' });
    const cursor = {
      keys: [new Timestamp2('2024-03-01 12:00:00.5+00')],
      direction: 'after',
      window: [],
    };
    const [value] = codec.open(codec.seal(cursor as unknown as PageCursor, binding), binding).keys;
    expect(value).toBeInstanceOf(Timestamp);
    expect((value as Timestamp).text).toBe('2024-03-01 12:00:00.5+00');
  });

  it('refuses non-finite numbers and unsupported types at seal, naming the position', () => {
    const codec = codecs[0]!;
    const binding = { scope: 's', query: 'q' };
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => codec.seal({ keys: [1, bad], direction: 'after', window: [] }, binding)).toThrow(
        /cursor\.keys\[1\].*finite/,
      );
    }
    for (const bad of [undefined, {}, new Date(0), Symbol('x'), [1]]) {
      const cursor = { keys: [], direction: 'after', window: [bad] } as unknown as PageCursor;
      expect(() => codec.seal(cursor, binding)).toThrow(InvalidCursorError);
    }
    expect(() =>
      codec.seal({ keys: [], direction: 'sideways', window: [] } as unknown as PageCursor, binding),
    ).toThrow(InvalidCursorError);
  });

  it('a cursor too large for a token is refused at seal, never truncated', () => {
    const codec = codecs[0]!;
    const binding = { scope: 's', query: 'q' };
    const keys = Array.from({ length: 40 }, () => 'x'.repeat(40));
    expect(() => codec.seal({ keys, direction: 'after', window: [] }, binding)).toThrow(
      /over the 2048 limit/,
    );
    // Just under the limit still round-trips.
    const fits = { keys: ['y'.repeat(1400)], direction: 'after', window: [] } as const;
    const token = codec.seal(fits, binding);
    expect(token.length).toBeLessThanOrEqual(2048);
    expect(sameCursor(codec.open(token, binding), fits)).toBe(true);
  });

  it('each value type survives inside any position of a long cursor', () => {
    const codec = codecs[2]!;
    const small = cursorValue.filter(
      (v) => typeof v !== 'bigint' || (v < 2n ** 128n && v > -(2n ** 128n)),
    );
    fc.assert(
      fc.property(fc.array(small, { minLength: 15, maxLength: 30 }), (keys) => {
        const binding = { scope: '', query: fingerprintQuery({}, { list: 'GET /x' }) };
        const cursor: PageCursor = { keys, direction: 'after', window: keys.slice(0, 8) };
        const token = sealUnlessTooLarge(codec, cursor, binding);
        if (token === undefined) return;
        expect(sameCursor(codec.open(token, binding), cursor)).toBe(true);
      }),
      { numRuns: runs / 5 },
    );
  });
});

/** Seals, or returns undefined when random data made the cursor exceed the token size limit (tested separately). */
function sealUnlessTooLarge(
  codec: TokenCodec,
  cursor: PageCursor,
  binding: TokenBinding,
): string | undefined {
  try {
    return codec.seal(cursor, binding);
  } catch (err) {
    if (err instanceof InvalidCursorError && /over the 2048 limit/.test(err.message))
      return undefined;
    throw err;
  }
}
