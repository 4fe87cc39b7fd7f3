import { isDeepStrictEqual } from 'node:util';

/** Keys that hold page tokens: they differ between servers by design. */
const TOKEN_KEYS = new Set(['next_token', 'previous_token', 'next_page_token']);

/** A page body without its tokens (X's `meta` tokens, Zoom's `next_page_token`). */
export function withoutTokens(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutTokens);
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (!TOKEN_KEYS.has(k)) out[k] = withoutTokens(v);
  }
  return out;
}

/**
 * Checks that two servers answered the same page: equal bodies once tokens
 * are removed (same items, same order, same envelope), and both either with
 * or without a next token. Returns a description of the first difference,
 * or `undefined` when they match.
 */
export function pageDifference(expected: unknown, actual: unknown): string | undefined {
  const a = withoutTokens(expected);
  const b = withoutTokens(actual);
  if (!isDeepStrictEqual(a, b)) {
    return `bodies differ: expected ${JSON.stringify(a).slice(0, 300)}… got ${JSON.stringify(b).slice(0, 300)}…`;
  }
  if (hasNext(expected) !== hasNext(actual)) return 'one page has a next token, the other none';
  return undefined;
}

function hasNext(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  const meta = b['meta'] as Record<string, unknown> | undefined;
  return Boolean(meta?.['next_token'] ?? b['next_page_token']);
}
