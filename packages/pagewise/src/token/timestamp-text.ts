import type { ByteReader } from './byte-reader.js';
import { DecodeError } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import { civilFromDays, daysFromCivil } from './civil-date.js';

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

const ZONE_NONE = 0;
const ZONE_Z = 1;
const ZONE_HH = 2;
const ZONE_HH_COLON_MM = 3;
const ZONE_HHMM = 4;

const C_0 = 0x30;
const C_SPACE = 0x20;
const C_T = 0x54;
const C_Z = 0x5a;
const C_PLUS = 0x2b;
const C_MINUS = 0x2d;
const C_COLON = 0x3a;
const C_DOT = 0x2e;

/** Value of the ASCII digit at `i`, or -1 (also past the end: charCodeAt gives NaN). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - C_0;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses `text` into the compact form, or `undefined` when only raw text would be exact.
 *
 * Accepts exactly the texts that {@link formatTimestamp} gives back
 * unchanged: `YYYY-MM-DD[T ]hh:mm:ss[.f{1,9}][Z|±hh|±hh:mm|±hhmm]` with a
 * real calendar date (years 0000-9999), hours 00-23, minutes and seconds
 * 00-59, offset minutes 00-59 and no negative zero offset (`-00` would
 * come back as `+00`). Checked field by field with char codes rather than
 * by formatting and comparing: this runs on every sealed timestamp.
 */
export function compactTimestamp(text: string): CompactTimestamp | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const sep = text.charCodeAt(10);
  if (
    y1 < 0 ||
    y2 < 0 ||
    text.charCodeAt(4) !== C_MINUS ||
    text.charCodeAt(7) !== C_MINUS ||
    (sep !== C_T && sep !== C_SPACE) ||
    text.charCodeAt(13) !== C_COLON ||
    text.charCodeAt(16) !== C_COLON ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  ) {
    return undefined;
  }
  const year = y1 * 100 + y2;
  if (day > daysInMonth(year, month)) return undefined;

  let pos = 19;
  let digits = 0;
  let fraction = 0;
  if (text.charCodeAt(pos) === C_DOT) {
    pos++;
    for (let d = digitAt(text, pos); d >= 0 && digits < 10; d = digitAt(text, pos)) {
      fraction = fraction * 10 + d;
      digits++;
      pos++;
    }
    if (digits === 0 || digits > 9) return undefined;
  }

  let form = ZONE_NONE;
  let offsetMinutes = 0;
  if (pos < length) {
    const c = text.charCodeAt(pos);
    const rest = length - pos;
    if (c === C_Z) {
      if (rest !== 1) return undefined;
      form = ZONE_Z;
    } else if (c === C_PLUS || c === C_MINUS) {
      const hours = twoDigits(text, pos + 1);
      if (hours < 0) return undefined;
      let minutes = 0;
      if (rest === 3) form = ZONE_HH;
      else if (rest === 5) {
        form = ZONE_HHMM;
        minutes = twoDigits(text, pos + 3);
      } else if (rest === 6 && text.charCodeAt(pos + 3) === C_COLON) {
        form = ZONE_HH_COLON_MM;
        minutes = twoDigits(text, pos + 4);
      } else return undefined;
      if (minutes < 0 || minutes > 59) return undefined;
      offsetMinutes = hours * 60 + minutes;
      if (c === C_MINUS) {
        // "-00", "-00:00", "-0000" would format back with a plus sign.
        if (offsetMinutes === 0) return undefined;
        offsetMinutes = -offsetMinutes;
      }
    } else return undefined;
  }

  const wall = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  return {
    wall,
    descriptor: (sep === C_T ? 0x80 : 0) | (form << 4) | digits,
    fraction,
    offsetMinutes,
  };
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
