import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { type CursorValue, KeyRing, type PageCursor, Timestamp } from '../../src/token/index.js';

/** A fresh 32-byte key. */
export const newKey = (): Buffer => randomBytes(32);

/** A ring with the given ids (fresh keys), the last one sealing. */
export function ringOf(...ids: string[]): KeyRing {
  return new KeyRing(ids.map((id) => ({ id, key: newKey() })));
}

/** Small deterministic PRNG (mulberry32): fuzz runs are reproducible from the seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** True when two cursor values are the same value of the same type (-0 is not 0). */
export function sameValue(a: CursorValue, b: CursorValue): boolean {
  if (a instanceof Timestamp || b instanceof Timestamp) {
    return a instanceof Timestamp && b instanceof Timestamp && a.text === b.text;
  }
  return typeof a === typeof b && Object.is(a, b);
}

export function sameCursor(a: PageCursor, b: PageCursor): boolean {
  return (
    a.direction === b.direction &&
    a.keys.length === b.keys.length &&
    a.window.length === b.window.length &&
    a.keys.every((v, i) => sameValue(v, b.keys[i]!)) &&
    a.window.every((v, i) => sameValue(v, b.window[i]!))
  );
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Timestamp text in the shapes databases emit (ISO, PostgreSQL), and some odd ones. */
export const timestampText: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 24 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 60 }),
      digits: fc.integer({ min: 0, max: 9 }),
      frac: fc.integer({ min: 0, max: 999_999_999 }),
      sep: fc.constantFrom('T', ' '),
      zone: fc.constantFrom(
        '',
        'Z',
        '+00',
        '-00',
        '+05:30',
        '-08',
        '+0200',
        '-03:45',
        '+14',
        '-00:00',
      ),
    })
    .map(
      (t) =>
        `${pad(t.y, 4)}-${pad(t.mo, 2)}-${pad(t.d, 2)}${t.sep}${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}` +
        (t.digits > 0 ? `.${pad(t.frac % 10 ** t.digits, t.digits)}` : '') +
        t.zone,
    ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    'infinity',
    '-infinity',
    '0044-03-15 12:00:00+00 BC',
    '+275760-09-13T00:00:00.000Z',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Strings with any UTF-16 code units, lone surrogates included. */
export const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});

export const cursorValue: fc.Arbitrary<CursorValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  anyUtf16,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(
    0,
    -0,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.bigInt({ min: -(2n ** 600n), max: 2n ** 600n }),
  fc.boolean(),
  fc.constant(null),
  timestampText.map((t) => new Timestamp(t)),
);

export const pageCursor: fc.Arbitrary<PageCursor> = fc.record({
  keys: fc.array(cursorValue, { maxLength: 8 }),
  direction: fc.constantFrom('after' as const, 'before' as const),
  window: fc.array(cursorValue, { maxLength: 4 }),
});
