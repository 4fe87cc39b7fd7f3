import type { Strategy } from '../strategy.js';
import { malformed } from './malformed.js';

/** Options of {@link linkHeader}. */
export interface LinkHeaderOptions {
  /**
   * Follow a `rel="next"` URL on another origin. Off by default: the
   * credentials of this request would be sent to that origin.
   * @default false
   */
  readonly allowCrossOrigin?: boolean;
}

/**
 * RFC 8288 `Link` header pagination (GitHub): follow `rel="next"` until the
 * header or the relation is absent. The next URL already carries the query.
 */
export function linkHeader(options: LinkHeaderOptions = {}): Strategy {
  return {
    name: 'link-header',
    cursorParams: ['page', 'cursor', 'after'],
    next(context) {
      const header = context.headers.get('link');
      if (header === null) return { next: null };
      const target = parseLinkHeader(header).get('next');
      if (target === undefined) return { next: null };
      let url: URL;
      try {
        url = new URL(target, context.url);
      } catch {
        throw malformed(context, `Link rel="next" is not a URL: ${target.slice(0, 100)}`);
      }
      if (!options.allowCrossOrigin && url.origin !== context.url.origin) {
        throw malformed(context, `Link rel="next" points to another origin (${url.origin})`);
      }
      return { next: { url: url.href }, token: url.href };
    },
  };
}

/** Parses a `Link` header into relation → URL (the first URL wins per relation). */
export function parseLinkHeader(header: string): Map<string, string> {
  const links = new Map<string, string>();
  // Split on commas that start a new `<…>` entry, not on commas inside URLs.
  for (const part of header.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const name of names) {
      const key = name.toLowerCase();
      if (!links.has(key)) links.set(key, match[1] ?? '');
    }
  }
  return links;
}
