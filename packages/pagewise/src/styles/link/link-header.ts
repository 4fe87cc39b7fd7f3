/**
 * Writes an RFC 8288 `Link` header value from rel → URL pairs, in the order given.
 * @example
 * ```ts
 * formatLinkHeader([['next', '/items?page=2'], ['last', '/items?page=5']]);
 * // '</items?page=2>; rel="next", </items?page=5>; rel="last"'
 * ```
 */
export function formatLinkHeader(
  links: ReadonlyArray<readonly [rel: string, url: string]>,
): string {
  return links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', ');
}

/**
 * Reads an RFC 8288 `Link` header value into a map from rel to URL (first
 * link wins per rel). Accepts quoted or bare `rel`, several rels in one
 * value (`rel="next last"`), extra parameters, and odd spacing; ignores
 * anything unreadable rather than throwing. The map is a fresh one per call.
 *
 * The one `Link` parser of pagewise: the Link style's `readPage` and the
 * client's `linkHeader` strategy and preset detection all use it.
 */
export function parseLinkHeader(value: string | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (value === undefined) return links;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    const url = value.slice(open + 1, close);
    // Parameters run to the next comma outside quotes.
    let j = close + 1;
    let quoted = false;
    while (j < value.length && (quoted || value[j] !== ',')) {
      if (value[j] === '"') quoted = !quoted;
      j += 1;
    }
    const params = value.slice(close + 1, j);
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    for (const name of rels) if (!links.has(name)) links.set(name, url);
    i = j + 1;
  }
  return links;
}
