/**
 * Reads a dotted path (`meta.next_token`, `response_metadata.next_cursor`)
 * from parsed JSON. An empty path returns the value itself, so `--items-path ''`
 * means "the body is the array" (GitHub).
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

/**
 * The first top-level property of `body` that holds an array: how the Zoom
 * and Slack presets find their item list, whose key changes per endpoint
 * (`users`, `meetings`, `participants`, `channels`, …).
 */
export function firstArrayKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  for (const [key, value] of Object.entries(body)) if (Array.isArray(value)) return key;
  return undefined;
}
