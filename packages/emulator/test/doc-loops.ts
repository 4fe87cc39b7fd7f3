/**
 * The pagination loops of the Zoom and X docs (WIRE.md seeds 000 and 004),
 * rewritten with `fetch` but with the same logic: what a real client does.
 */

/** Zoom "List all users with next_page_token" loop, generalised to any list and items key. */
export async function zoomTokenLoop(
  url: string,
  token: string,
  itemsKey: string,
  params: Record<string, string> = {},
  onPage?: (page: number) => Promise<void>,
): Promise<Record<string, unknown>[]> {
  let all: Record<string, unknown>[] = [];
  let nextPageToken = '';
  let pages = 0;
  while (true) {
    const query = new URLSearchParams(params);
    if (nextPageToken) query.set('next_page_token', nextPageToken);
    const response = await fetch(`${url}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const data = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(data)}`);
    all = all.concat((data[itemsKey] as Record<string, unknown>[]) || []);
    nextPageToken = (data['next_page_token'] as string) || '';
    pages++;
    if (pages > 10_000) throw new Error('runaway loop');
    await onPage?.(pages);
    if (!nextPageToken) break;
  }
  return all;
}

/** Zoom "List users with page numbers" loop (legacy). */
export async function zoomPageNumberLoop(
  url: string,
  token: string,
  itemsKey: string,
  pageSize: number,
  params: Record<string, string> = {},
): Promise<Record<string, unknown>[]> {
  let all: Record<string, unknown>[] = [];
  let pageNumber = 1;
  while (true) {
    const query = new URLSearchParams({
      ...params,
      page_size: String(pageSize),
      page_number: String(pageNumber),
    });
    const response = await fetch(`${url}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const data = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(data)}`);
    all = all.concat((data[itemsKey] as Record<string, unknown>[]) || []);
    if (pageNumber >= (data['page_count'] as number)) break;
    pageNumber++;
    if (pageNumber > 10_000) throw new Error('runaway loop');
  }
  return all;
}

/** X "getAllTweets" loop (seed 004), with the token parameter of the endpoint (search: `next_token`). */
export async function xLoop(
  url: string,
  token: string,
  maxResults: number,
  params: Record<string, string> = {},
  tokenParam = 'pagination_token',
  onPage?: (page: number) => Promise<void>,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let paginationToken: string | undefined | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams({ ...params, max_results: String(maxResults) });
    if (paginationToken) query.set(tokenParam, paginationToken);
    const response = await fetch(`${url}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const data = (await response.json()) as {
      data?: Record<string, unknown>[];
      meta?: { next_token?: string };
    };
    if (response.status !== 200)
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(data)}`);
    if (data.data) all.push(...data.data);
    paginationToken = data.meta?.next_token;
    pages++;
    if (pages > 10_000) throw new Error('runaway loop');
    await onPage?.(pages);
  } while (paginationToken);
  return all;
}

/** One page of a Zoom walk: the envelope without its items, and how many items it held. */
export interface ZoomPageEnvelope {
  readonly envelope: Record<string, unknown>;
  readonly items: number;
}

/**
 * The Zoom `next_page_token` loop of {@link zoomTokenLoop}, also keeping every
 * page's envelope (`page_size`, `total_records`, `from`/`to`…), for lists whose
 * envelope a test checks page by page (the Dashboard lists).
 */
export async function zoomTokenWalk(
  url: string,
  token: string,
  itemsKey: string,
  params: Record<string, string> = {},
  onPage?: (page: number) => Promise<void>,
): Promise<{ items: Record<string, unknown>[]; pages: ZoomPageEnvelope[] }> {
  const items: Record<string, unknown>[] = [];
  const pages: ZoomPageEnvelope[] = [];
  let nextPageToken = '';
  while (true) {
    const query = new URLSearchParams(params);
    if (nextPageToken) query.set('next_page_token', nextPageToken);
    const response = await fetch(`${url}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const data = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(data)}`);
    const page = (data[itemsKey] as Record<string, unknown>[]) || [];
    items.push(...page);
    const { [itemsKey]: _items, ...envelope } = data;
    pages.push({ envelope, items: page.length });
    nextPageToken = (data['next_page_token'] as string) || '';
    if (pages.length > 10_000) throw new Error('runaway loop');
    await onPage?.(pages.length);
    if (!nextPageToken) break;
  }
  return { items, pages };
}
