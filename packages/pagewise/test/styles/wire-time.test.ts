import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoSeconds } from '../../src/styles/wire-time.js';

/** What isoSeconds must write: toISOString without the milliseconds. */
const reference = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('isoSeconds', () => {
  it('writes what toISOString writes, to the second, for any time of years 1970-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(isoSeconds(ms)).toBe(reference(ms));
        expect(isoSeconds(BigInt(ms))).toBe(reference(ms));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edges: epoch, leap days, year ends, the last second of 9999, and beyond', () => {
    for (const text of [
      '1970-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.000Z',
      '2024-02-29T23:59:59.500Z',
      '2100-03-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      const ms = Date.parse(text);
      expect(isoSeconds(ms)).toBe(reference(ms));
    }
    for (const ms of [-1, -86_400_000 * 400, 253_402_300_800_000, 8.64e15]) {
      expect(isoSeconds(ms)).toBe(reference(ms));
    }
    expect(isoSeconds(1.7)).toBe(reference(1.7));
    expect(() => isoSeconds(Number.NaN)).toThrow(RangeError);
  });
});
