import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompactTimestamp,
  compactTimestamp,
  formatTimestamp,
} from '../../src/token/timestamp-text.js';

// The implementation before the char-code parser, kept verbatim as the
// reference: the new parser must accept exactly the same texts and produce
// exactly the same compact form, or the token bytes would change.
const OLD_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function oldCompactTimestamp(text: string): CompactTimestamp | undefined {
  const m = OLD_PATTERN.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, sep, h, mi, s, frac, zone] = m;
  const days = oldDaysFromCivil(Number(y), Number(mo), Number(d));
  const wall = days * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  let form = 0;
  let offsetMinutes = 0;
  if (zone === 'Z') form = 1;
  else if (zone !== undefined) {
    const sign = zone[0] === '-' ? -1 : 1;
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    form = zone.length === 3 ? 2 : zone.length === 6 ? 3 : 4;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const digits = frac === undefined ? 0 : frac.length;
  const compact: CompactTimestamp = {
    wall,
    descriptor: (sep === 'T' ? 0x80 : 0) | (form << 4) | digits,
    fraction: frac === undefined ? 0 : Number(frac),
    offsetMinutes,
  };
  return formatTimestamp(compact) === text ? compact : undefined;
}

function oldDaysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const digits = (min: number, max: number) =>
  fc.array(digit, { minLength: min, maxLength: max }).map((a) => a.join(''));
const twoDigits = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
  digits(0, 3),
);
/** Any character that could break the shape: digits, separators, look-alikes. */
const oddChar = fc.constantFrom(
  '0',
  '9',
  '-',
  '+',
  ':',
  '.',
  'T',
  't',
  'Z',
  'z',
  ' ',
  '\n',
  '\u0660',
  '\uff10',
  'x',
);

/** Texts near the timestamp grammar, valid and invalid in every field. */
const nearTimestamp = fc
  .record({
    year: fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      fc.constantFrom('2000', '1900', '2024', '2023', '0000', '2100', '2400'),
      digits(3, 5),
    ),
    month: fc.oneof(
      fc.integer({ min: 0, max: 13 }).map((n) => String(n).padStart(2, '0')),
      twoDigits,
    ),
    day: fc.oneof(
      fc.integer({ min: 0, max: 32 }).map((n) => String(n).padStart(2, '0')),
      twoDigits,
    ),
    sep: fc.constantFrom('T', ' ', 't', '_', ''),
    hour: fc.oneof(
      fc.integer({ min: 0, max: 25 }).map((n) => String(n).padStart(2, '0')),
      twoDigits,
    ),
    minute: fc.oneof(
      fc.integer({ min: 0, max: 61 }).map((n) => String(n).padStart(2, '0')),
      twoDigits,
    ),
    second: fc.oneof(
      fc.integer({ min: 0, max: 61 }).map((n) => String(n).padStart(2, '0')),
      twoDigits,
    ),
    frac: fc.oneof(
      fc.constant(''),
      digits(0, 11).map((d) => `.${d}`),
    ),
    zone: fc.oneof(
      fc.constantFrom('', 'Z', 'z', '+00', '-00', '+00:00', '-00:00', '+0000', '-0000', 'ZZ'),
      fc
        .tuple(
          fc.constantFrom('+', '-', ''),
          twoDigits,
          fc.constantFrom('', ':', '::'),
          fc.oneof(
            fc.constant(''),
            fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
            digits(1, 3),
          ),
        )
        .map((parts) => parts.join('')),
    ),
    dash1: fc.constantFrom('-', '-', '-', '/'),
    colon1: fc.constantFrom(':', ':', ':', '.'),
  })
  .map(
    (p) =>
      `${p.year}${p.dash1}${p.month}-${p.day}${p.sep}${p.hour}${p.colon1}${p.minute}:${p.second}${p.frac}${p.zone}`,
  );

/** A near-timestamp with one character inserted, removed or replaced. */
const mutated = fc
  .tuple(nearTimestamp, fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), oddChar)
  .map(([text, at, op, ch]) => {
    const i = at % (text.length + 1);
    if (op === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (op === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

function same(text: string): void {
  expect(compactTimestamp(text), JSON.stringify(text)).toEqual(oldCompactTimestamp(text));
}

describe('compactTimestamp (char-code parser) against the format-and-compare reference', () => {
  it('accepts exactly the same texts with the same compact form: near-grammar texts', () => {
    fc.assert(
      fc.property(nearTimestamp, (text) => same(text)),
      { numRuns: 20_000 },
    );
  });

  it('accepts exactly the same texts: one-character mutations', () => {
    fc.assert(
      fc.property(mutated, (text) => same(text)),
      { numRuns: 20_000 },
    );
  });

  it('accepts exactly the same texts: arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => same(text)),
      {
        numRuns: 5_000,
      },
    );
  });

  it('agrees on every valid instant shape and round-trips the accepted ones', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('T', ' '),
        fc.constantFrom('', 'Z', '+00', '+05:30', '-08', '-0330', '+14:00', '-00', '+00:60'),
        (date, fracDigits, sep, zone) => {
          const iso = date.toISOString();
          if (iso.length !== 24) return; // 6-digit years
          const frac = fracDigits === 0 ? '' : `.${'123456789'.slice(0, fracDigits)}`;
          const text = `${iso.slice(0, 10)}${sep}${iso.slice(11, 19)}${frac}${zone}`;
          same(text);
          const compact = compactTimestamp(text);
          if (compact !== undefined) expect(formatTimestamp(compact)).toBe(text);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('agrees on hand-picked edge cases', () => {
    const cases = [
      '2024-03-01 12:00:00.123456+00',
      '2024-03-01T12:00:00.123Z',
      '2024-02-29 00:00:00',
      '2023-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '2000-02-29 00:00:00',
      '0000-02-29 00:00:00',
      '0000-01-01 00:00:00',
      '9999-12-31T23:59:59.999999999Z',
      '2024-01-01 24:00:00',
      '2024-01-01 23:60:00',
      '2024-01-01 23:59:60',
      '2024-04-31 00:00:00',
      '2024-00-10 00:00:00',
      '2024-13-10 00:00:00',
      '2024-01-00 00:00:00',
      '2024-01-01 00:00:00.',
      '2024-01-01 00:00:00.0123456789',
      '2024-01-01 00:00:00-00',
      '2024-01-01 00:00:00-00:00',
      '2024-01-01 00:00:00-0000',
      '2024-01-01 00:00:00-00:01',
      '2024-01-01 00:00:00+99:59',
      '2024-01-01 00:00:00+01:60',
      '2024-01-01 00:00:00+0160',
      '2024-01-01 00:00:00+1',
      '2024-01-01 00:00:00+123',
      '2024-01-01 00:00:00+12:3',
      '2024-01-01 00:00:00+12345',
      '2024-01-01 00:00:00ZZ',
      '2024-01-01 00:00:00\n',
      '2024-01-01t00:00:00',
      '2024-01-01 00:00:00 BC',
      'infinity',
      '',
      '12024-01-01 00:00:00',
      '2024-1-01 00:00:00',
    ];
    for (const text of cases) same(text);
    expect(compactTimestamp('2024-03-01 12:00:00.123456+00')).toBeDefined();
    expect(compactTimestamp('2024-01-01 00:00:00-00')).toBeUndefined();
  });
});
