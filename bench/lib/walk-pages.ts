import { getJson } from './http-load.js';

/** How a list names its next-page token, in the response and in the request. */
export interface TokenShape {
  /** The next token of a response body, or `undefined` at the end. */
  readonly next: (body: Record<string, unknown>) => string | undefined;
  /** The query parameter that carries it back. */
  readonly param: string;
}

/**
 * Follows a list's tokens from `first` and returns the URL of every page
 * (first included), stopping after `maxPages` pages or at the end.
 */
export async function walkPages(
  first: string,
  token: string | undefined,
  shape: TokenShape,
  maxPages = 10_000,
): Promise<string[]> {
  const urls: string[] = [first];
  let url = first;
  while (urls.length < maxPages) {
    const { body } = await getJson(url, token);
    const t = shape.next(body);
    if (!t) break;
    const u = new URL(first);
    u.searchParams.set(shape.param, t);
    url = u.toString();
    urls.push(url);
  }
  return urls;
}

/**
 * The index of a list's deep page among `pages` pages: `fixed` when the list
 * has a full page there, else the page at `fraction` of the list, but never
 * the last page (usually short).
 */
export function deepIndex(pages: number, fraction: number, fixed?: number): number {
  const lastFull = Math.max(0, pages - 2);
  if (fixed !== undefined && fixed <= lastFull) return fixed;
  return Math.min(lastFull, Math.round((pages - 1) * fraction));
}
