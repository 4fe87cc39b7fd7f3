/** X's snowflake epoch (2010-11-04T01:42:54.657Z), the zero of the id's time bits. */
export const SNOWFLAKE_EPOCH_MS = 1288834974657;

/**
 * An X-style 64-bit snowflake: milliseconds since the snowflake epoch in the
 * high bits, a 22-bit sequence below. Ordering by id therefore orders by
 * creation time, as on X; the sequence keeps ids unique within a millisecond.
 */
export function snowflake(createdAtMs: number, sequence: number): bigint {
  return (BigInt(createdAtMs - SNOWFLAKE_EPOCH_MS) << 22n) | BigInt(sequence & 0x3fffff);
}

/** The creation time (ms) encoded in a snowflake. */
export function snowflakeTime(id: bigint): number {
  return Number(id >> 22n) + SNOWFLAKE_EPOCH_MS;
}

/** Zoom meeting ids: 11-digit integers (stored as BIGINT; JSON numbers below 2^53). */
export function zoomMeetingId(index: number, jitter: number): number {
  return 81_000_000_000 + index * 1000 + (jitter % 1000);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A Zoom meeting UUID: base64 of 16 bytes, e.g. `"4Tq0rXSvQnyVO/2UZ+1A8Q=="` (may contain `/`). */
export function zoomMeetingUuid(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** The alphabet of Zoom user ids (22 characters, base64url-like, e.g. `"KDcuGIm1QgePTO8WbOqwIQ"`). */
export const ZOOM_USER_ID_ALPHABET = BASE64.slice(0, 62).concat('-_');

/**
 * Zoom webinar ids: 11-digit integers like meeting ids (the same "meeting
 * number" space, e.g. `99264817135`), from 97,000,000,000 up so they never
 * collide with a meeting's; `index` below 2,000,000 (seeded and churned).
 */
export function zoomWebinarId(index: number, jitter: number): number {
  return 97_000_000_000 + index * 1000 + (jitter % 1000);
}
