import { getPath, isObject } from './json-path.js';

/**
 * Reads the items array from a body. Returns `undefined` when the body has no
 * items array of the expected shape (the caller turns that into a
 * `MalformedResponseError`).
 */
export type ItemsReader = (body: unknown) => readonly unknown[] | undefined;

/** Items at a dotted path (`data`, `users`); `''` means the body is the array (GitHub). */
export function itemsAt(path: string): ItemsReader {
  return (body) => {
    const items = getPath(body, path);
    return Array.isArray(items) ? items : undefined;
  };
}

/**
 * The one top-level array of an envelope (Zoom: `users`, `meetings`,
 * `participants`; Slack: `members`, `channels`…). Ambiguous (two arrays) or
 * none is `undefined`, unless `ignore` names the extra keys.
 */
export function soleArray(ignore: readonly string[] = []): ItemsReader {
  return (body) => {
    if (!isObject(body)) return undefined;
    let found: unknown[] | undefined;
    for (const [key, value] of Object.entries(body)) {
      if (!Array.isArray(value) || ignore.includes(key)) continue;
      if (found !== undefined) return undefined;
      found = value;
    }
    return found;
  };
}
