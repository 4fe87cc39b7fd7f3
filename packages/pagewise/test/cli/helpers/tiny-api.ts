import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One item of the tiny API's dataset. */
export interface TinyItem {
  id: string;
  email: string;
  profile: { dept: string; level: number };
  tags: string[];
  note?: string;
}

/** Options of the in-test API. */
export interface TinyApiOptions {
  /** Items in the list. */
  items: number;
  /** Bearer token required (401 otherwise). */
  token?: string;
  /** Delay before each page response, ms. */
  delayMs?: number;
  /** Answer 429 to the nth page request (1-based) with this Retry-After (seconds). */
  rateLimitAt?: { request: number; retryAfter: number };
}

/** A running tiny API. */
export interface TinyApi {
  url: string;
  dataset: TinyItem[];
  /** Requests answered so far (any path, any status). */
  requests(): number;
  close(): Promise<void>;
}

/** The dataset: deterministic, with a nested object, an array, a comma, a quote and a late extra key. */
export function tinyDataset(count: number): TinyItem[] {
  return Array.from({ length: count }, (_, i) => {
    const item: TinyItem = {
      id: `u${String(i).padStart(5, '0')}`,
      email: `user${i}@example.com`,
      profile: { dept: i % 3 === 0 ? 'Sales, "EMEA"' : 'R&D', level: i % 7 },
      tags: i % 2 === 0 ? ['a', 'b'] : [],
    };
    // A key first seen after the first page: goes to the CSV `_extra` column.
    if (i === count - 1) item.note = 'last';
    return item;
  });
}

/**
 * A small Zoom-style API on a real socket (`/v2/users`: `page_size`,
 * `next_page_token` = "" at the end, `total_records`) and an X-style one
 * (`/2/users/1/followers`: `max_results`, `pagination_token`, `meta.next_token`
 * omitted at the end). Tokens are the offset in base64: opaque enough here.
 */
export async function startTinyApi(options: TinyApiOptions): Promise<TinyApi> {
  const dataset = tinyDataset(options.items);
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      send(401, { code: 124, message: 'Invalid access token.' });
      return;
    }
    if (options.rateLimitAt !== undefined && requests === options.rateLimitAt.request) {
      send(
        429,
        { code: 429, message: 'You have reached the maximum per-second rate limit for this API.' },
        { 'retry-after': String(options.rateLimitAt.retryAfter) },
      );
      return;
    }
    const zoom = url.pathname === '/v2/users';
    const x = url.pathname === '/2/users/1/followers';
    if (!zoom && !x) {
      send(404, { code: 1001, message: 'Not found' });
      return;
    }
    const size = Number(url.searchParams.get(zoom ? 'page_size' : 'max_results') ?? 10);
    const token = url.searchParams.get(zoom ? 'next_page_token' : 'pagination_token');
    const offset =
      token === null || token === '' ? 0 : Number(Buffer.from(token, 'base64url').toString());
    const page = dataset.slice(offset, offset + size);
    const nextOffset = offset + page.length;
    const next =
      nextOffset < dataset.length ? Buffer.from(String(nextOffset)).toString('base64url') : '';
    const body = zoom
      ? { page_size: size, total_records: dataset.length, next_page_token: next, users: page }
      : {
          data: page,
          meta: { result_count: page.length, ...(next === '' ? {} : { next_token: next }) },
        };
    setTimeout(() => send(200, body), options.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataset,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
