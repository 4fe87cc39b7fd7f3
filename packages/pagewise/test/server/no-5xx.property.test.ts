import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastifyPageRoute, styleErrorHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import {
  link,
  linkEndpoints,
  type StyleEndpoint,
  type WireStyle,
  x,
  xEndpoints,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

// Whatever the query string, a paginated route answers below 500 in its
// style's shape (JSON body, the style's content type).

const rows = tweetRows(30);
const urls: string[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(styleErrorHandler(x));
  const all: Array<[string, WireStyle<StyleEndpoint>, StyleEndpoint, boolean]> = [
    ['/z/users', zoom as never, zoomEndpoints.users, true],
    ['/z/report', zoom as never, zoomEndpoints.reportUserMeetings, false],
    ['/x/tweets', x as never, xEndpoints.userTweets, false],
    ['/x/followers', x as never, xEndpoints.followers, false],
    ['/x/search', x as never, xEndpoints.searchRecent, false],
    ['/l/cursor', link as never, linkEndpoints.cursor, false],
    ['/l/pages', link as never, linkEndpoints.pages, true],
  ];
  for (const [url, style, endpoint, pageNumbers] of all) {
    app.route(
      fastifyPageRoute({
        url,
        style,
        endpoint,
        list: tweetList({ max: 1000, totals: true, pageNumbers }),
        source: memorySource(rows),
        scope: () => 'p',
        window: ({ query }) => {
          const since = query.get('since_id');
          return since === null ? undefined : { since_id: since };
        },
      }),
    );
    urls.push(url);
  }
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const name = fc.constantFrom(
  'page_size',
  'max_results',
  'per_page',
  'page',
  'page_number',
  'next_page_token',
  'pagination_token',
  'next_token',
  'cursor',
  'since_id',
  'query',
  'x',
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -10, max: 5000 }).map(String),
  fc.constantFrom('', '%', '%zz', '1e3', 'NaN', '99999999999999999999999', 'AAAA', '\u0000', '🙂'),
);

describe('no query string makes a paginated route answer 5xx', () => {
  it('answers every random query below 500 with a JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.array(fc.tuple(name, value), { maxLength: 6 }),
        async (url, pairs) => {
          const query = pairs.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&');
          const response = await app.inject({ url: `${url}?${query}` });
          expect(response.statusCode, `${url}?${query} -> ${response.body}`).toBeLessThan(500);
          expect(response.headers['content-type']).toMatch(/json/);
          expect(() => JSON.parse(response.body)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('malformed query strings', () => {
  it.each([
    '%',
    'page_size=%zz',
    'max_results=%E0%A4%A',
    'a&&&=&',
    '=1',
    'page_size',
    'max_results',
    'max_results[]=10',
    'max_results[a]=10',
    'pagination_token[]=x',
    'next_page_token=a&next_page_token=b',
    'cursor=%00',
  ])('answers ?%s below 500 on every route', async (query) => {
    for (const url of urls) {
      const response = await app.inject({ url: `${url}?${query}` });
      expect(response.statusCode, `${url}?${query} -> ${response.body}`).toBeLessThan(500);
    }
  });
});
