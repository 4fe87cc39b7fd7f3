/**
 * The hand-written routes' page token: the last row's sort keys as a JSON
 * array of decimal strings, in base64url. Readable and forgeable by anyone,
 * never expires, bound to nothing: what pagewise's sealed tokens are
 * compared against.
 */
export function encodeCursor(keys: readonly string[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

const INTEGER = /^-?\d{1,20}$/;

/** The keys of a token, or `undefined` when it is not `length` integers. */
export function decodeCursor(token: string, length: number): bigint[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== length) return undefined;
  const keys: bigint[] = [];
  for (const k of parsed) {
    if (typeof k !== 'string' || !INTEGER.test(k)) return undefined;
    keys.push(BigInt(k));
  }
  return keys;
}
