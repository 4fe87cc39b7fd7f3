/**
 * Reads a dotted path (`total_records`, `meta.total`), as `--total-path` names it,
 * from parsed JSON. An empty path returns the value itself.
 */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
