import { describe, expect, it } from 'vitest';
import {
  GovernorRegistry,
  isCursorCycleError,
  isEmptyPagesError,
  isInvalidPageTokenError,
  isRepeatedItemsError,
  isTotalChangedError,
  type PaginateOptions,
  paginate,
  type TotalChange,
} from '../../src/client/index.js';
import { fakeFetch, manualClock, numbered } from './support/list-server.js';
import { xHandler, zoomPagesHandler } from './support/shapes.js';

type Item = { id: string };

function opts(extra: Partial<PaginateOptions<Item>>): PaginateOptions<Item> {
  return { clock: manualClock(), governors: new GovernorRegistry(), ...extra };
}

async function ids(url: string, options: PaginateOptions<Item>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of paginate<Item>(url, options)) out.push(item.id);
  return out;
}

describe('cycle guards', () => {
  it('a token returned twice is a CursorCycleError, not a loop', async () => {
    let n = 0;
    const fetch = fakeFetch(() => {
      n++;
      return { body: { users: [{ id: String(n) }], next_page_token: 'same' } };
    });
    const error = await ids('https://z.test/v2/users', opts({ preset: 'zoom', fetch })).catch(
      (e: unknown) => e,
    );
    expect(isCursorCycleError(error)).toBe(true);
    expect(fetch.calls).toHaveLength(2);
  });

  it('a page of only already-seen items is a RepeatedItemsError', async () => {
    let n = 0;
    const fetch = fakeFetch(() => {
      n++;
      return { body: { users: numbered(1, 3), next_page_token: `t${n}` } };
    });
    const error = await ids('https://z.test/v2/users', opts({ preset: 'zoom', fetch })).catch(
      (e: unknown) => e,
    );
    expect(isRepeatedItemsError(error)).toBe(true);
    expect(isRepeatedItemsError(error) && error.cursor).toEqual({
      params: { next_page_token: 't1' },
    });
  });

  it('empty pages that still carry a token are followed', async () => {
    const pages = [numbered(1, 2), [], [], numbered(3, 4)];
    const fetch = fakeFetch((url) => {
      const i = Number(url.searchParams.get('next_page_token') ?? 0);
      return {
        body: { users: pages[i], next_page_token: i + 1 < pages.length ? String(i + 1) : '' },
      };
    });
    expect(await ids('https://z.test/v2/users', opts({ preset: 'zoom', fetch }))).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });

  it('endless empty pages stop after guards.maxEmptyPages with EmptyPagesError', async () => {
    const fetch = fakeFetch((url) => {
      const i = Number(url.searchParams.get('next_page_token') ?? 0);
      return { body: { users: [], next_page_token: String(i + 1) } };
    });
    const error = await ids(
      'https://z.test/v2/users',
      opts({ preset: 'zoom', fetch, guards: { maxEmptyPages: 5 } }),
    ).catch((e: unknown) => e);
    expect(isEmptyPagesError(error)).toBe(true);
    expect(fetch.calls).toHaveLength(6);
  });
});

describe('page-number drift', () => {
  function drifting() {
    const items = numbered(1, 9);
    const inner = zoomPagesHandler(items);
    return fakeFetch((url, headers) => {
      // A row is inserted once page 2 has been served.
      if (url.searchParams.get('page_number') === '3' && items.length === 9) {
        items.unshift({ id: '0' });
      }
      return inner(url, headers);
    });
  }

  it('a change of total_records mid-walk throws TotalChangedError by default', async () => {
    const error = await ids(
      'https://z.test/v2/users?page_size=3',
      opts({ preset: 'zoom-pages', fetch: drifting() }),
    ).catch((e: unknown) => e);
    expect(isTotalChangedError(error)).toBe(true);
    if (!isTotalChangedError(error)) return;
    expect([error.before, error.after]).toEqual([9, 10]);
    expect(error.cursor).toEqual({ params: { page_number: '3' } });
  });

  it('with onTotalChange the change is reported and the walk goes on', async () => {
    const changes: TotalChange[] = [];
    const out = await ids(
      'https://z.test/v2/users?page_size=3',
      opts({ preset: 'zoom-pages', fetch: drifting(), onTotalChange: (c) => changes.push(c) }),
    );
    expect(changes).toEqual([{ before: 9, after: 10, index: 2 }]);
    expect(out.length).toBeGreaterThanOrEqual(9);
  });
});

describe('expired tokens', () => {
  // Reverse-chronological ids above 2^53, as X sends them.
  const big = 1578522194770296832n;
  const tweets = Array.from({ length: 30 }, (_, i) => ({ id: String(big - BigInt(i) * 7n) }));

  it('x: an expired pagination_token restarts with until_id = oldest id seen, no duplicates', async () => {
    const inner = xHandler(tweets);
    let expired = 0;
    const fetch = fakeFetch((url, headers) => {
      const token = url.searchParams.get('pagination_token');
      // Every third token is "expired" the first time it is used.
      if (token !== null && expired < 3 && Number(token.slice(1)) % 3 === 0) {
        expired++;
        return {
          status: 400,
          body: {
            errors: [
              {
                parameters: { pagination_token: [token] },
                message: `The \`pagination_token\` query parameter value [${token}] is not a valid token.`,
              },
            ],
            title: 'Invalid Request',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          },
        };
      }
      return inner(url, headers);
    });
    const out = await ids(
      'https://x.test/2/users/1/tweets?max_results=4',
      opts({ preset: 'x', fetch }),
    );
    expect(expired).toBeGreaterThan(0);
    expect(out).toEqual(tweets.map((t) => t.id));
    expect(fetch.calls.some((u) => u.searchParams.has('until_id'))).toBe(true);
  });

  it('x with recover: false, and zoom (no id window): InvalidPageTokenError with the resume point', async () => {
    const fetch = fakeFetch((url) =>
      url.searchParams.has('next_page_token')
        ? {
            status: 400,
            body: { code: 300, message: 'The next page token is invalid or expired.' },
          }
        : { body: { users: numbered(1, 2), next_page_token: 'abc' } },
    );
    const error = await ids('https://z.test/v2/users', opts({ preset: 'zoom', fetch })).catch(
      (e: unknown) => e,
    );
    expect(isInvalidPageTokenError(error)).toBe(true);
    expect(isInvalidPageTokenError(error) && error.cursor).toEqual({
      params: { next_page_token: 'abc' },
    });

    const xFetch = fakeFetch((url) =>
      url.searchParams.has('pagination_token')
        ? { status: 400, body: { errors: [{ parameters: { pagination_token: ['t'] } }] } }
        : { body: { data: numbered(1, 2), meta: { next_token: 't' } } },
    );
    const xError = await ids(
      'https://x.test/2/users/1/tweets',
      opts({ preset: 'x', fetch: xFetch, recover: false }),
    ).catch((e: unknown) => e);
    expect(isInvalidPageTokenError(xError)).toBe(true);
  });
});
