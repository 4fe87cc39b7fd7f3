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
