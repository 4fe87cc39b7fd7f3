import { createHash } from 'node:crypto';

/** Query parameters whose values are secrets (page tokens) and never logged. */
export const SECRET_QUERY_PARAMS = [
  'next_page_token',
  'pagination_token',
  'next_token',
  'token',
] as const;

/**
 * The URL with the values of {@link SECRET_QUERY_PARAMS} replaced by
 * `[REDACTED:xxxxxx]`: six hex digits of the value's SHA-256, so a log shows
 * which requests carried the same token (a client looping on one token
 * stands out) without holding anything that opens a page.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return (SECRET_QUERY_PARAMS as readonly string[]).includes(name) && eq >= 0
        ? `${name}=[REDACTED:${tokenMark(pair.slice(eq + 1))}]`
        : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

function tokenMark(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}
