import { civilFromDays } from '../../token/timestamp-text.js';

/** `2024-02-15T23:24:52Z`: Zoom's ISO-8601 UTC to the second. */
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

/** `2022-05-07T13:20:52.000Z`: X's ISO-8601 UTC with milliseconds. */
export function isoMillis(ms: number | bigint): string {
  return new Date(Number(ms)).toISOString();
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a `yyyy-mm-dd` date at 00:00 UTC, or `undefined` when it is not a real date. */
export function parseDay(value: string): number | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().startsWith(value) ? ms : undefined;
}

/** `yyyy-mm-dd` of an epoch-ms instant (UTC). */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const X_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/** Epoch ms of an X time parameter (`YYYY-MM-DDTHH:mm:ssZ`, millis tolerated), or `undefined`. */
export function parseXTime(value: string): number | undefined {
  if (!X_TIME_RE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Zoom dashboard duration: `"MM:SS"` under an hour (as `"05:27"`), else `"HH:MM:SS"`. */
export function dashboardDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
