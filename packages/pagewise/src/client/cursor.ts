/**
 * Where a page is fetched from, relative to the base request: the query
 * parameters to set on it, or (for `Link` headers) an absolute URL. A cursor
 * is plain JSON so checkpoints and errors can carry it; `{}` is the first page.
 */
export interface Cursor {
  /** Query parameters set (replacing any of the same name) on the base request. */
  readonly params?: Readonly<Record<string, string>>;
  /** Absolute URL that replaces the base request (e.g. a `Link: rel="next"` target). */
  readonly url?: string;
  /** Query parameters removed from the base request (e.g. `start_time` when restarting by `until_id`). */
  readonly drop?: readonly string[];
}

/** The cursor of the first page. */
export const FIRST_PAGE: Cursor = /* @__PURE__ */ Object.freeze({});

/** Builds the URL of the page `cursor` points to, from the base request URL. */
export function applyCursor(base: URL, cursor: Cursor): URL {
  if (cursor.url !== undefined) return new URL(cursor.url);
  const url = new URL(base);
  for (const name of cursor.drop ?? []) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(cursor.params ?? {})) {
    url.searchParams.set(name, value);
  }
  return url;
}

/** A stable string for a cursor (cycle detection, logs). */
export function cursorKey(cursor: Cursor): string {
  if (cursor.url !== undefined) return `url:${cursor.url}`;
  const params = Object.entries(cursor.params ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([params, cursor.drop ?? []]);
}
