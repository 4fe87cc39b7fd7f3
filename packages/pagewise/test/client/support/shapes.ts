import type { Handler } from './list-server.js';

/** Slice helpers over `items`, used by the fake endpoints of each style. */
function slice<T>(items: readonly T[], offset: number, size: number) {
  return { page: items.slice(offset, offset + size), more: offset + size < items.length };
}

/** Zoom `next_page_token` list (`users`), tokens are `o<offset>`. */
export function zoomTokenHandler(items: readonly unknown[]): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('page_size') ?? 30);
    const token = url.searchParams.get('next_page_token');
    if (token !== null && !/^o\d+$/.test(token)) {
      return {
        status: 400,
        body: { code: 300, message: 'The next page token is invalid or expired.' },
      };
    }
    const offset = token ? Number(token.slice(1)) : 0;
    const { page, more } = slice(items, offset, size);
    return {
      body: {
        page_count: Math.ceil(items.length / size),
        page_size: size,
        total_records: items.length,
        next_page_token: more ? `o${offset + size}` : '',
        users: page,
      },
    };
  };
}

/** Zoom legacy page numbers. */
export function zoomPagesHandler(items: readonly unknown[]): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('page_size') ?? 30);
    const n = Number(url.searchParams.get('page_number') ?? 1);
    return {
      body: {
        page_count: Math.ceil(items.length / size),
        page_number: n,
        page_size: size,
        total_records: items.length,
        users: items.slice((n - 1) * size, n * size),
      },
    };
  };
}

/** X timeline/search: `meta.next_token`, omitted at the end; `data` omitted when empty. */
export function xHandler(items: readonly { id: string }[], param = 'pagination_token'): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('max_results') ?? 10);
    const token = url.searchParams.get(param);
    const untilId = url.searchParams.get('until_id');
    const pool = untilId === null ? items : items.filter((i) => BigInt(i.id) < BigInt(untilId));
    const offset = token ? Number(token.slice(1)) : 0;
    const { page, more } = slice(pool, offset, size);
    const meta: Record<string, unknown> = { result_count: page.length };
    if (page.length > 0) {
      meta['newest_id'] = page[0]?.id;
      meta['oldest_id'] = page[page.length - 1]?.id;
    }
    if (more) meta['next_token'] = `n${offset + size}`;
    return { body: page.length > 0 ? { data: page, meta } : { meta } };
  };
}

/** GitHub: `Link` header, body is the array. */
export function linkHandler(items: readonly unknown[], origin: () => string): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('per_page') ?? 30);
    const n = Number(url.searchParams.get('page') ?? 1);
    const { page, more } = slice(items, (n - 1) * size, size);
    const links: string[] = [];
    if (more) links.push(`<${origin()}${url.pathname}?per_page=${size}&page=${n + 1}>; rel="next"`);
    links.push(`<${origin()}${url.pathname}?per_page=${size}&page=1>; rel="first"`);
    return { headers: { link: links.join(', ') }, body: page };
  };
}

/** Stripe: `has_more` + `starting_after`. */
export function stripeHandler(items: readonly { id: string }[]): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('limit') ?? 10);
    const after = url.searchParams.get('starting_after');
    const offset = after === null ? 0 : items.findIndex((i) => i.id === after) + 1;
    const { page, more } = slice(items, offset, size);
    return { body: { object: 'list', url: '/v1/customers', has_more: more, data: page } };
  };
}

/** Slack: `response_metadata.next_cursor` → `cursor`, `""` at the end. */
export function slackHandler(items: readonly unknown[]): Handler {
  return (url) => {
    const size = Number(url.searchParams.get('limit') ?? 10);
    const cursor = url.searchParams.get('cursor');
    if (cursor !== null && !cursor.startsWith('c'))
      return { body: { ok: false, error: 'invalid_cursor' } };
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const { page, more } = slice(items, offset, size);
    return {
      body: {
        ok: true,
        members: page,
        response_metadata: { next_cursor: more ? `c${offset + size}` : '' },
      },
    };
  };
}

/** Offset/limit with a total. */
export function offsetHandler(items: readonly unknown[]): Handler {
  return (url) => {
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    return { body: { total: items.length, results: items.slice(offset, offset + limit) } };
  };
}
