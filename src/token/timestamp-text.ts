import type { ByteReader } from './byte-reader.js';
import { DecodeError } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';

/**
 * Compact, exact encoding of timestamp text.
 *
 * Database timestamps mostly come in a few shapes: ISO 8601
 * (`2024-03-01T12:00:00.123Z`) and PostgreSQL's text output
 * (`2024-03-01 12:00:00.123456+00`). Those are stored as wall-clock
 * seconds, fraction digits and a one-byte format descriptor, about 9 bytes
 * instead of 29 characters. Anything else (BC dates, `infinity`, 5-digit
 * years, odd offsets) falls back to raw text. The compact form is only used
 * when formatting it back yields the very same text, so the round trip is
 * exact by construction.
 *
 * Layout: descriptor byte (bit 7: `T` separator; bits 4-6: zone form;
 * bits 0-3: fraction digits 0-9), varint seconds from 2020-01-01 (the tag
 * says before or after), varint fraction if any digits, zigzag varint offset
 * minutes if the zone form has an offset.
 *
 * @internal
 */
export interface CompactTimestamp {
  /** Wall-clock seconds since 1970 of the date and time fields, ignoring the offset. */
  readonly wall: number;
  readonly descriptor: number;
  readonly fraction: number;
  readonly offsetMinutes: number;
}

/** Seconds from 1970 to 2020-01-01: recent timestamps then fit in 4 varint bytes. */
export const TIMESTAMP_EPOCH = 1_577_836_800;

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const ZONE_NONE = 0;
const ZONE_Z = 1;
const ZONE_HH = 2;
const ZONE_HH_COLON_MM = 3;
const ZONE_HHMM = 4;

/** Parses `text` into the compact form, or `undefined` when only raw text would be exact. */
export function compactTimestamp(text: string): CompactTimestamp | undefined {
  const m = PATTERN.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, sep, h, mi, s, frac, zone] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  const wall = days * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  let form = ZONE_NONE;
  let offsetMinutes = 0;
  if (zone === 'Z') form = ZONE_Z;
  else if (zone !== undefined) {
    const sign = zone[0] === '-' ? -1 : 1;
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    form = zone.length === 3 ? ZONE_HH : zone.length === 6 ? ZONE_HH_COLON_MM : ZONE_HHMM;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const digits = frac === undefined ? 0 : frac.length;
  const compact: CompactTimestamp = {
    wall,
    descriptor: (sep === 'T' ? 0x80 : 0) | (form << 4) | digits,
    fraction: frac === undefined ? 0 : Number(frac),
    offsetMinutes,
  };
  // Exactness check: catches 24:00:00, Feb 30, leap seconds, "-00", etc.
  return formatTimestamp(compact) === text ? compact : undefined;
}

/** The text a compact timestamp stands for. */
export function formatTimestamp(ts: CompactTimestamp): string {
  const days = Math.floor(ts.wall / 86_400);
  const secs = ts.wall - days * 86_400;
  const [y, mo, d] = civilFromDays(days);
  let text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${ts.descriptor & 0x80 ? 'T' : ' '}${pad(
    Math.floor(secs / 3600),
    2,
  )}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  const digits = ts.descriptor & 0x0f;
  if (digits > 0) text += `.${pad(ts.fraction, digits)}`;
  const form = (ts.descriptor >> 4) & 0x07;
  if (form === ZONE_Z) text += 'Z';
  else if (form !== ZONE_NONE) {
    const abs = Math.abs(ts.offsetMinutes);
    const hh = pad(Math.floor(abs / 60), 2);
    const mm = pad(abs % 60, 2);
    const sign = ts.offsetMinutes < 0 ? '-' : '+';
    text +=
      form === ZONE_HH
        ? `${sign}${hh}`
        : form === ZONE_HH_COLON_MM
          ? `${sign}${hh}:${mm}`
          : `${sign}${hh}${mm}`;
  }
  return text;
}

/** Writes everything but the tag (which carries the sign of `wall - TIMESTAMP_EPOCH`). */
export function writeCompactTimestamp(w: ByteWriter, ts: CompactTimestamp): void {
  w.byte(ts.descriptor);
  w.varint(Math.abs(ts.wall - TIMESTAMP_EPOCH));
  if ((ts.descriptor & 0x0f) > 0) w.varint(ts.fraction);
  if (((ts.descriptor >> 4) & 0x07) >= ZONE_HH) {
    const o = ts.offsetMinutes;
    w.varint(o < 0 ? -o * 2 - 1 : o * 2);
  }
}

/** Reads a compact timestamp; `beforeEpoch` comes from the tag. */
export function readCompactTimestamp(r: ByteReader, beforeEpoch: boolean): string {
  const descriptor = r.byte();
  const delta = r.varint();
  const digits = descriptor & 0x0f;
  const form = (descriptor >> 4) & 0x07;
  if (digits > 9 || form > ZONE_HHMM) throw new DecodeError('bad timestamp descriptor');
  const fraction = digits > 0 ? r.varint() : 0;
  let offsetMinutes = 0;
  if (form >= ZONE_HH) {
    const z = r.varint();
    offsetMinutes = z % 2 === 1 ? -(z + 1) / 2 : z / 2;
  }
  const wall = beforeEpoch ? TIMESTAMP_EPOCH - delta : TIMESTAMP_EPOCH + delta;
  return formatTimestamp({ wall, descriptor, fraction, offsetMinutes });
}

function pad(n: number, width: number): string {
  // Fast path for the two-digit fields, which are most of the calls.
  if (width === 2 && n >= 0 && n < 100) return n < 10 ? `0${n}` : `${n}`;
  return String(n).padStart(width, '0');
}

// Proleptic Gregorian calendar conversions (H. Hinnant's algorithms): exact
// integer arithmetic for years 0000-9999, with none of Date.UTC's quirks
// (it maps years 0-99 to 1900-1999).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
