/** Turns bigints into decimal strings; every other value passes through. */
function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * A response body as JSON text, key order kept. `bigint` values (64-bit ids
 * straight from the database) become decimal strings, which is how both
 * Zoom and X send large ids; `JSON.stringify` alone would throw on them.
 */
export function serializeBody(body: unknown): string {
  // Most bodies hold no bigint (row mappers write ids as strings): plain
  // JSON.stringify is several times faster than with a replacer, which it
  // calls for every value. It throws a TypeError at the first bigint; only
  // then is the body written again with the replacer (same text either way).
  try {
    return JSON.stringify(body);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(body, bigintAsString);
  }
}
