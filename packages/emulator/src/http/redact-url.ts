/** Query parameters whose values are secrets (page tokens) and never logged. */
export const SECRET_QUERY_PARAMS = [
  'next_page_token',
  'pagination_token',
  'next_token',
  'token',
] as const;

/** The URL with the values of {@link SECRET_QUERY_PARAMS} replaced by `[REDACTED]`. */
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
        ? `${name}=[REDACTED]`
        : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}
