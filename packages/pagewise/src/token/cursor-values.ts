import type { ByteReader } from './byte-reader.js';
import { DecodeError } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import { InvalidCursorError } from './invalid-cursor-error.js';
import {
  compactTimestamp,
  readCompactTimestamp,
  TIMESTAMP_EPOCH,
  writeCompactTimestamp,
} from './timestamp-text.js';
import { type CursorValue, Timestamp } from './types.js';

// One tag byte per value says its type (and, for short bigints, its length),
// so every value comes back with the type it was sealed with.
const T_NULL = 0x00;
const T_FALSE = 0x01;
const T_TRUE = 0x02;
const T_UTF8 = 0x03;
const T_UTF16 = 0x04; // strings with unpaired surrogates, kept code unit for code unit
const T_FLOAT64 = 0x05; // any finite number that is not a safe integer, and -0
const T_UINT = 0x06;
const T_NINT = 0x07;
const T_TS_RAW = 0x08;
const T_TS_AFTER = 0x09; // compact timestamp at or after 2020-01-01
const T_TS_BEFORE = 0x0a;
const T_BIG_POS_LONG = 0x0b; // followed by varint byte length
const T_BIG_NEG_LONG = 0x0c;
const T_BIG_POS_SHORT = 0x10; // + byte length 0-15
const T_BIG_NEG_SHORT = 0x20; // + byte length 1-15

/** Appends one cursor value; throws {@link InvalidCursorError} for values a token cannot carry. */
export function writeCursorValue(w: ByteWriter, value: CursorValue, where: string): void {
  switch (typeof value) {
    case 'string':
      if (isWellFormed(value)) {
        w.byte(T_UTF8);
        w.utf8(value);
      } else {
        w.byte(T_UTF16);
        w.utf16(value);
      }
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidCursorError(
          `${where} is ${value}: page tokens carry finite numbers only; fix the sort key or window value.`,
        );
      }
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
        if (value >= 0) {
          w.byte(T_UINT);
          w.varint(value);
        } else {
          w.byte(T_NINT);
          w.varint(-value);
        }
      } else {
        w.byte(T_FLOAT64);
        w.float64(value);
      }
      return;
    case 'bigint': {
      const negative = value < 0n;
      const magnitude = negative ? -value : value;
      if (magnitude <= MAX_UINT64) {
        // Up to 8 bytes (every int8 id): two 32-bit halves, no hex string or Buffer.
        const hi = Number(magnitude >> 32n);
        const lo = Number(magnitude & 0xffffffffn);
        const size = hi > 0 ? 4 + byteLength(hi) : byteLength(lo);
        w.byte((negative ? T_BIG_NEG_SHORT : T_BIG_POS_SHORT) + size);
        for (let i = size - 1; i >= 4; i--) w.byte((hi >>> ((i - 4) * 8)) & 0xff);
        for (let i = Math.min(size, 4) - 1; i >= 0; i--) w.byte((lo >>> (i * 8)) & 0xff);
        return;
      }
      let hex = magnitude === 0n ? '' : magnitude.toString(16);
      if (hex.length % 2 === 1) hex = `0${hex}`;
      const bytes = Buffer.from(hex, 'hex');
      if (bytes.length <= 15) {
        w.byte((negative ? T_BIG_NEG_SHORT : T_BIG_POS_SHORT) + bytes.length);
      } else {
        w.byte(negative ? T_BIG_NEG_LONG : T_BIG_POS_LONG);
        w.varint(bytes.length);
      }
      w.bytes(bytes);
      return;
    }
    case 'boolean':
      w.byte(value ? T_TRUE : T_FALSE);
      return;
    case 'object':
      if (value === null) {
        w.byte(T_NULL);
        return;
      }
      if (isTimestamp(value)) {
        const compact = compactTimestamp(value.text);
        if (compact === undefined) {
          if (!isWellFormed(value.text)) {
            throw new InvalidCursorError(
              `${where} is a Timestamp whose text is not well-formed Unicode.`,
            );
          }
          w.byte(T_TS_RAW);
          w.utf8(value.text);
        } else {
          w.byte(compact.wall < TIMESTAMP_EPOCH ? T_TS_BEFORE : T_TS_AFTER);
          writeCompactTimestamp(w, compact);
        }
        return;
      }
      break;
    default:
      break;
  }
  throw new InvalidCursorError(
    `${where} has unsupported type ${describe(value)}: page tokens carry string, finite number, bigint, boolean, null or Timestamp.`,
  );
}

/** Reads one value written by {@link writeCursorValue}. */
export function readCursorValue(r: ByteReader): CursorValue {
  const tag = r.byte();
  switch (tag) {
    case T_NULL:
      return null;
    case T_FALSE:
      return false;
    case T_TRUE:
      return true;
    case T_UTF8:
      return r.utf8();
    case T_UTF16:
      return r.utf16();
    case T_FLOAT64:
      return r.float64();
    case T_UINT:
      return r.varint();
    case T_NINT:
      return -r.varint();
    case T_TS_RAW:
      return new Timestamp(r.utf8());
    case T_TS_AFTER:
    case T_TS_BEFORE:
      return new Timestamp(readCompactTimestamp(r, tag === T_TS_BEFORE));
    case T_BIG_POS_LONG:
      return readBigint(r, r.varint(), false);
    case T_BIG_NEG_LONG:
      return readBigint(r, r.varint(), true);
    default:
      if (tag >= T_BIG_POS_SHORT && tag < T_BIG_POS_SHORT + 16) {
        return readBigint(r, tag - T_BIG_POS_SHORT, false);
      }
      if (tag > T_BIG_NEG_SHORT && tag < T_BIG_NEG_SHORT + 16) {
        return readBigint(r, tag - T_BIG_NEG_SHORT, true);
      }
      throw new DecodeError(`unknown value tag ${tag}`);
  }
}

function readBigint(r: ByteReader, size: number, negative: boolean): bigint {
  let magnitude: bigint;
  if (size <= 6) magnitude = BigInt(r.uintBE(size));
  else if (size <= 8) {
    // Two halves read in place, instead of a hex string parsed as a BigInt.
    if (size > r.remaining) throw new DecodeError('unexpected end of data');
    const hi = r.uintBE(size - 4);
    magnitude = (BigInt(hi) << 32n) | BigInt(r.uintBE(4));
  } else magnitude = BigInt(`0x${r.bytes(size).toString('hex')}`);
  return negative ? -magnitude : magnitude;
}

/**
 * A `Timestamp`, also one from another copy of the package (e.g. `dist/`
 * next to `src/` in tests), where `instanceof` fails.
 */
const MAX_UINT64 = 0xffff_ffff_ffff_ffffn;

/** Bytes of a 32-bit unsigned value without leading zero bytes (0 for 0). */
function byteLength(n: number): number {
  return n === 0 ? 0 : n < 0x100 ? 1 : n < 0x1_0000 ? 2 : n < 0x100_0000 ? 3 : 4;
}

function isTimestamp(value: object): value is Timestamp {
  return (
    value instanceof Timestamp ||
    (typeof (value as { text?: unknown }).text === 'string' &&
      value.constructor?.name === 'Timestamp')
  );
}

/** `String.prototype.isWellFormed` (Node 20+), typed locally because the project's lib is ES2023. */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' ? name : 'object';
}
