import { describe, expect, it } from 'vitest';
import {
  GovernorRegistry,
  isHttpError,
  type PaginateOptions,
  paginate,
} from '../../src/client/index.js';
import { fakeFetch, manualClock, numbered } from './support/list-server.js';
import { zoomTokenHandler } from './support/shapes.js';

type Item = { id: string };
const URL_Z = 'https://z.test/v2/users?page_size=4';

function opts(extra: Partial<PaginateOptions<Item>>): PaginateOptions<Item> {
  return { preset: 'zoom', clock: manualClock(), governors: new GovernorRegistry(), ...extra };
}

describe('resuming from an error cursor', () => {
  it('startAt: error.cursor continues with the failed page, nothing lost or repeated', async () => {
    const inner = zoomTokenHandler(numbered(1, 14));
    let failing = true;
    const fetch = fakeFetch((url, h) =>
      failing && url.searchParams.get('next_page_token') === 'o8'
        ? { status: 404, body: { code: 1001, message: 'User not exist' } }
        : inner(url, h),
    );
    const seen: string[] = [];
    let cursor: unknown;
    try {
      for await (const item of paginate<Item>(URL_Z, opts({ fetch }))) seen.push(item.id);
    } catch (error) {
      expect(isHttpError(error)).toBe(true);
      cursor = isHttpError(error) ? error.cursor : undefined;
    }
    expect(cursor).toEqual({ params: { next_page_token: 'o8' } });
    failing = false;
    const startAt = cursor as { params: Record<string, string> };
    for await (const item of paginate<Item>(URL_Z, opts({ fetch, startAt }))) seen.push(item.id);
    expect(seen).toEqual(numbered(1, 14).map((i) => i.id));
  });
});
