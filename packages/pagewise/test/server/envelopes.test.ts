import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastifyPageRoute, styleErrorHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import {
  link,
  linkEndpoints,
  type WireStyle,
  x,
  xEndpoints,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';
import { type TweetRow, tweetList, tweetRows } from './fixtures.js';

// Envelopes byte for byte (WIRE.md §1.2, §2.2, §3) for every endpoint of every
// style: first, middle and last page of a 25-row list at page size 10, and an
// empty list. Expected bodies are written out here, not produced by the style.

const full = tweetRows(25);
const ids = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, i) => String(from - i));
const PAGES = [ids(1024, 1015), ids(1014, 1005), ids(1004, 1000)];
const item = (id: string) => ({ id });
const rows = { full, empty: [] as TweetRow[] };

let app: FastifyInstance;

function mount(prefix: string, style: WireStyle<never>, endpoint: object, pageNumbers = false) {
  for (const [name, data] of Object.entries(rows)) {
    app.route(
      fastifyPageRoute({
        url: `/${prefix}/${name}`,
        style,
        endpoint: endpoint as never,
        list: tweetList({ totals: true, pageNumbers, max: 1000 }),
        source: memorySource(data),
        scope: () => 'me',
        toItem: (row) => item(row.id.toString()),
        range: ({ query }) => {
          const from = query.get('from');
          return from === null ? undefined : { from, to: query.get('to') ?? from };
        },
      }),
    );
  }
}

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(styleErrorHandler(x));
  for (const [name, endpoint] of Object.entries(zoomEndpoints))
    mount(`zoom/${name}`, zoom as never, endpoint);
  for (const [name, endpoint] of Object.entries(xEndpoints))
    mount(`x/${name}`, x as never, endpoint);
  mount('link/cursor', link as never, linkEndpoints.cursor);
  mount('link/pages', link as never, linkEndpoints.pages, true);
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('zoom envelopes', () => {
  it.each(Object.entries(zoomEndpoints))(
    '%s: first, middle, last and empty',
    async (name, endpoint) => {
      const range = endpoint.dateRange ? '&from=2024-02-07&to=2024-03-07' : '';
      let token = '';
      for (const [i, page] of PAGES.entries()) {
        const response = await app.inject({
          url: `/zoom/${name}/full?page_size=10${range}${token ? `&next_page_token=${token}` : ''}`,
        });
        const body = response.json() as { next_page_token: string };
        if (i < 2) expect(body.next_page_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        const expected = {
          ...(endpoint.dateRange ? { from: '2024-02-07', to: '2024-03-07' } : {}),
          page_count: 3,
          ...(endpoint.legacyPageNumber && i === 0 ? { page_number: 1 } : {}),
          page_size: 10,
          total_records: 25,
          next_page_token: i < 2 ? body.next_page_token : '',
          [endpoint.itemsKey]: page.map(item),
        };
        expect(response.statusCode).toBe(200);
        expect(response.body).toBe(JSON.stringify(expected));
        token = body.next_page_token;
      }
      const empty = await app.inject({ url: `/zoom/${name}/empty?${range.slice(1)}` });
      expect(empty.body).toBe(
        JSON.stringify({
          ...(endpoint.dateRange ? { from: '2024-02-07', to: '2024-03-07' } : {}),
          page_count: 0,
          ...(endpoint.legacyPageNumber ? { page_number: 1 } : {}),
          page_size: 30,
          total_records: 0,
          next_page_token: '',
          [endpoint.itemsKey]: [],
        }),
      );
    },
  );
});

describe('x envelopes', () => {
  it.each(Object.entries(xEndpoints))(
    '%s: first, middle, last and empty',
    async (name, endpoint) => {
      const tokenParam = endpoint.tokenParams[0];
      let token: string | undefined;
      for (const [i, page] of PAGES.entries()) {
        const response = await app.inject({
          url: `/x/${name}/full?max_results=10${token ? `&${tokenParam}=${token}` : ''}`,
        });
        const meta = (response.json() as { meta: { next_token?: string; previous_token?: string } })
          .meta;
        const newestOldest =
          endpoint.kind === 'users' ? {} : { newest_id: page[0], oldest_id: page.at(-1) };
        const next = i < 2 ? { next_token: meta.next_token } : {};
        const previous =
          endpoint.kind !== 'search' && i > 0 ? { previous_token: meta.previous_token } : {};
        if (i < 2) expect(meta.next_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        if (i > 0 && endpoint.kind !== 'search')
          expect(meta.previous_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        const expectedMeta =
          endpoint.kind === 'search'
            ? { ...newestOldest, result_count: page.length, ...next }
            : { result_count: page.length, ...newestOldest, ...next, ...previous };
        expect(response.statusCode).toBe(200);
        expect(response.body).toBe(JSON.stringify({ data: page.map(item), meta: expectedMeta }));
        token = meta.next_token;
      }
      const empty = await app.inject({ url: `/x/${name}/empty` });
      expect(empty.body).toBe('{"meta":{"result_count":0}}');
    },
  );

  it('walks back with previous_token to the same page, in the same order', async () => {
    const first = await app.inject({ url: '/x/userTweets/full?max_results=10' });
    const next = (first.json() as { meta: { next_token: string } }).meta.next_token;
    const second = await app.inject({
      url: `/x/userTweets/full?max_results=10&pagination_token=${next}`,
    });
    const previous = (second.json() as { meta: { previous_token: string } }).meta.previous_token;
    const back = await app.inject({
      url: `/x/userTweets/full?max_results=10&pagination_token=${previous}`,
    });
    expect((back.json() as { data: unknown }).data).toEqual(
      (first.json() as { data: unknown }).data,
    );
  });
});

describe('link envelopes', () => {
  it('cursor: Link rels on first, middle, last; none when one page holds all', async () => {
    let url = 'http://localhost:80/link/cursor/full?per_page=10';
    const expectedRels = [['next'], ['prev', 'next', 'first'], ['prev', 'first']];
    for (const [i, page] of PAGES.entries()) {
      const response = await app.inject({ url: url.replace('http://localhost:80', '') });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(JSON.stringify(page.map(item)));
      const header = String(response.headers['link']);
      const rels = [...header.matchAll(/rel="([a-z]+)"/g)].map((m) => m[1]);
      expect(rels).toEqual(expectedRels[i]);
      const reading = link.readPage({
        status: 200,
        headers: response.headers as Record<string, string>,
        body: response.json(),
      });
      if (i < 2) url = reading.nextUrl ?? '';
      expect(header).toMatch(/^<http:\/\/localhost(:80)?\/link\/cursor\/full\?per_page=10/);
    }
    const empty = await app.inject({ url: '/link/cursor/empty' });
    expect(empty.body).toBe('[]');
    expect(empty.headers['link']).toBeUndefined();
  });

  it('pages: exact Link header on a middle page', async () => {
    const response = await app.inject({ url: '/link/pages/full?per_page=10&page=2' });
    expect(response.body).toBe(JSON.stringify(PAGES[1]?.map(item)));
    const base = 'http://localhost/link/pages/full'; // inject's Host, default port dropped
    expect(response.headers['link']).toBe(
      `<${base}?per_page=10&page=1>; rel="prev", <${base}?per_page=10&page=3>; rel="next", ` +
        `<${base}?per_page=10&page=3>; rel="last", <${base}?per_page=10&page=1>; rel="first"`,
    );
  });
});
