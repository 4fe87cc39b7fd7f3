/**
 * A response body as JSON text, key order kept. `bigint` values (64-bit ids
 * straight from the database) become decimal strings, which is how both
 * Zoom and X send large ids; `JSON.stringify` alone would throw on them.
 */
export function serializeBody(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}
