/**
 * Reads a dotted path (`meta.next_token`, `response_metadata.next_cursor`)
 * from a parsed JSON body. Returns `undefined` when any step is missing.
 */
export function getPath(value: unknown, path: string): unknown {
  if (path === '' || path === '.') return value;
  // One-step paths (item keys such as `id`) are read per item: skip the array `split` allocates.
  if (!path.includes('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, path))
      return undefined;
    return (value as Record<string, unknown>)[path];
  }
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
