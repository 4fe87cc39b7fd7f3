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
import { testCodec, tweetList, tweetRows } from './fixtures.js';

// The bad-input corpus against every endpoint of every style: the exact
// status and error body each time, and zero 5xx.

let now = Date.UTC(2024, 5, 1);
const codec = testCodec(() => now);
const rows = tweetRows(40);

interface Mounted {
  readonly name: string;
  readonly style: WireStyle<StyleEndpoint>;
  readonly endpoint: StyleEndpoint;
  readonly tokenParam: string;
  readonly url: string;
}

const mounted: Mounted[] = [];
let app: FastifyInstance;

function tokenErrorBody(m: Mounted, value: string): string {
  const echo = value.length > 128 ? `${value.slice(0, 128)}...` : value;
  switch (m.style.name) {
    case 'zoom':
      return '{"code":300,"message":"The next page token is invalid or expired."}';
    case 'x':
      return JSON.stringify({
        errors: [
          {
            parameters: { [m.tokenParam]: [echo] },
            message: `The \`${m.tokenParam}\` query parameter value [${echo}] is not a valid token.`,
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    default:
      return JSON.stringify({
        message: `The \`${m.tokenParam}\` query parameter value [${echo}] is not a valid cursor.`,
        status: '400',
      });
  }
}

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(styleErrorHandler(x));
  const all: Array<[string, WireStyle<StyleEndpoint>, StyleEndpoint, string]> = [
    ...Object.entries(zoomEndpoints).map(
      ([n, e]) =>
        [`zoom/${n}`, zoom as never, e, 'next_page_token'] as [
          string,
          WireStyle<StyleEndpoint>,
          StyleEndpoint,
          string,
        ],
    ),
    ...Object.entries(xEndpoints).map(
      ([n, e]) =>
        [`x/${n}`, x as never, e, e.tokenParams[0] ?? ''] as [
          string,
          WireStyle<StyleEndpoint>,
          StyleEndpoint,
          string,
        ],
    ),
    ['link/cursor', link as never, linkEndpoints.cursor, 'cursor'],
  ];
  for (const [name, style, endpoint, tokenParam] of all) {
    for (const list of ['a', 'b']) {
      app.route(
        fastifyPageRoute({
          url: `/${name}/${list}`,
          style,
          endpoint,
          list: tweetList({ codec, max: 1000 }),
          listName: `${name}/${list}`,
          source: memorySource(rows),
          scope: (req) => String(req.headers['x-user'] ?? 'alice'),
          toItem: (row) => ({ id: row.id.toString() }),
        }),
      );
    }
    mounted.push({ name, style, endpoint, tokenParam, url: `/${name}/a` });
  }
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

async function firstToken(
  m: Mounted,
  url = m.url,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await app.inject({ url: `${url}?${m.style.pageSizeParam}=10`, headers });
  expect(response.statusCode).toBe(200);
  const reading = m.style.readPage({
    status: 200,
    headers: response.headers as Record<string, string>,
    body: response.json(),
  });
  const token =
    reading.nextToken ?? new URL(reading.nextUrl ?? '', 'http://h').searchParams.get(m.tokenParam);
  expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  return token ?? '';
}

describe('bad page sizes', () => {
  it('never answers 5xx and refuses or clamps as the style says', async () => {
    for (const m of mounted) {
      const { min, max, oversized } = m.endpoint.pageSize;
      const cases = [
        '-1',
        '0',
        String(min - 1),
        String(max + 1),
        '99999999999999999999',
        'ten',
        '1.5',
        '',
        `${min}&${m.style.pageSizeParam}=${min}`,
      ];
      for (const value of cases) {
        const response = await app.inject({ url: `${m.url}?${m.style.pageSizeParam}=${value}` });
        const label = `${m.name} ${m.style.pageSizeParam}=${value}`;
        expect(response.statusCode, label).toBeLessThan(500);
        const n = Number(value);
        const oversize = value !== '' && Number.isInteger(n) && n > max;
        expect(response.statusCode, label).toBe(oversize && oversized === 'clamp' ? 200 : 400);
        if (response.statusCode === 400 && m.style.name === 'x') {
          expect(response.json(), label).toMatchObject({
            title: 'Invalid Request',
            errors: [{ parameters: { max_results: expect.any(Array) } }],
          });
        }
        if (response.statusCode === 400 && m.style.name === 'zoom') {
          expect(response.body, label).toBe(
            '{"code":300,"message":"Validation Failed.","errors":[{"field":"page_size","message":"Invalid field."}]}',
          );
        }
      }
    }
  });
});

describe('bad page tokens', () => {
  it('answers garbage, truncated, tampered, oversized, expired, other-user, other-list and other-query tokens with the style 400', async () => {
    for (const m of mounted) {
      const good = await firstToken(m);
      const other = await firstToken(m, `/${m.name}/b`);
      const otherUser = await firstToken(m, m.url, { 'x-user': 'bob' });
      const flip = (s: string, i: number) =>
        s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      const cases: Array<[string, string, string]> = [
        ['garbage', 'abc', ''],
        ['truncated', good.slice(0, -5), ''],
        ['tampered', flip(good, Math.floor(good.length / 2)), ''],
        ['extended', `${good}AAAA`, ''],
        ['oversized', 'A'.repeat(5000), ''],
        ['other user', otherUser, ''],
        ['other list', other, ''],
        ['other query', good, '&query=zzz'],
      ];
      for (const [label, value, extra] of cases) {
        const response = await app.inject({
          url: `${m.url}?${m.tokenParam}=${encodeURIComponent(value)}${extra}`,
        });
        expect(response.statusCode, `${m.name} ${label}`).toBe(400);
        expect(response.body, `${m.name} ${label}`).toBe(tokenErrorBody(m, value));
      }
    }
  });

  it('answers an expired token with the style 400', async () => {
    const tokens = await Promise.all(mounted.map((m) => firstToken(m)));
    now += 16 * 60 * 1000;
    for (const [i, m] of mounted.entries()) {
      const value = tokens[i] ?? '';
      const response = await app.inject({ url: `${m.url}?${m.tokenParam}=${value}` });
      expect(response.statusCode, m.name).toBe(400);
      expect(response.body, m.name).toBe(tokenErrorBody(m, value));
    }
  });
});
