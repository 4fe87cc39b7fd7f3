import { civilFromDays } from '../token/civil-date.js';

/*
 * Timestamps as the styles write them on the wire. Zoom writes ISO-8601 UTC
 * to the second, X to the millisecond; both always end in `Z`.
 */

/**
 * `2024-02-15T23:24:52Z`: Zoom's ISO-8601 UTC to the second, from epoch
 * milliseconds.
 *
 * @example
 * ```ts
 * isoSeconds(Date.UTC(2024, 1, 15, 23, 24, 52, 999)); // '2024-02-15T23:24:52Z'
 * ```
 */
export function isoSeconds(ms: number | bigint): string {
  const t = Number(ms);
  // Years 1970-9999 (every time the emulator stores): civil-date arithmetic,
  // several times faster than a Date and toISOString (a Zoom page formats
  // 600 of these). Anything else, NaN included, takes the Date path.
  if (t >= 0 && t < MAX_FAST_MS) {
    const secs = Math.floor(t / 1000);
    const days = Math.floor(secs / 86_400);
    const daySecs = secs - days * 86_400;
    const hh = Math.floor(daySecs / 3600);
    const mi = Math.floor((daySecs - hh * 3600) / 60);
    const ss = daySecs - hh * 3600 - mi * 60;
    const [y, m, d] = civilFromDays(days);
    return `${y}-${two(m)}-${two(d)}T${two(hh)}:${two(mi)}:${two(ss)}Z`;
  }
  // toISOString always ends in `.sssZ`: drop the milliseconds.
  return `${new Date(t).toISOString().slice(0, -5)}Z`;
}

/** 10000-01-01T00:00:00Z: from here on toISOString writes a six-digit year. */
const MAX_FAST_MS = 253_402_300_800_000;

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * `2022-05-07T13:20:52.000Z`: X's ISO-8601 UTC with milliseconds, from epoch
 * milliseconds.
 */
export function isoMillis(ms: number | bigint): string {
  return new Date(Number(ms)).toISOString();
}
