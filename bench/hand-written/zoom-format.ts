/** `2024-02-15T23:24:52Z`: Zoom's time format, from epoch ms. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Dashboard duration: `"MM:SS"` under an hour, else `"HH:MM:SS"`. */
export function dashboardDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (v: number) => (v < 10 ? `0${v}` : `${v}`);
  return h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/**
 * A count cached for 10 s per key, as the emulator caches Zoom's
 * `total_records` (counting the whole window on every page would cost more
 * than the page).
 */
export function cachedCount(
  load: (key: string) => Promise<number>,
  ttlMs = 10_000,
): (key: string) => Promise<number> {
  const cache = new Map<string, { value: Promise<number>; expires: number }>();
  return (key) => {
    const hit = cache.get(key);
    const now = Date.now();
    if (hit !== undefined && hit.expires > now) return hit.value;
    const value = load(key);
    cache.set(key, { value, expires: now + ttlMs });
    value.catch(() => cache.delete(key));
    return value;
  };
}

/** Zoom's `page_size`: default 30, 1-300, larger values clamped to 300. */
export function zoomPageSize(raw: string | undefined): number | undefined {
  if (raw === undefined) return 30;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 300) : undefined;
}
