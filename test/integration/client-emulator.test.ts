import { type RunningEmulator, startEmulator } from '@pagewise/emulator';
import {
  type FetchLike,
  GovernorRegistry,
  isInvalidPageTokenError,
  type PaginateOptions,
  paginate,
  timeShards,
} from 'pagewise/client';
import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// pagewise's client against the emulator over real sockets, with faults on.
const ANCHOR = '2024-06-01';
let emu: RunningEmulator;
let topAuthor: string;
// The emulator's clock, moved forward to expire page tokens without waiting (the
// token codec allows 30 s of clock skew, so a 1 s TTL alone would need a 31 s pause).
let clockShiftMs = 0;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    database: ':memory:',
    seed: 'client-test',
    anchor: ANCHOR,
    sizes: { zoomUsers: 400, zoomMeetings: 100, xUsers: 20, xTweets: 1500, xFollows: 100 },
    rateLimit: 'off',
    tokenKeys: generateKeySpec('t1'),
    logger: false,
    print: () => {},
    env: {},
    now: () => Date.now() + clockShiftMs,
  });
  const dataset = (await admin('GET', '/__admin/dataset')) as {
    samples: { xTopAuthors: { id: string; tweets: number }[] };
  };
  topAuthor = dataset.samples.xTopAuthors[0]?.id ?? '';
}, 120_000);

afterAll(async () => {
  await emu?.close();
});

async function admin(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function expectedIds(query: string): Promise<string[]> {
  return ((await admin('GET', `/__admin/dataset/ids?${query}`)) as { ids: string[] }).ids;
}

const FAULTS = { errorRate: 0.1, resetRate: 0.05, rateLimitBurst: 3, latencyMs: 1, jitterMs: 6 };

function options(
  extra: Partial<PaginateOptions<{ id: unknown }>> = {},
): PaginateOptions<{ id: unknown }> {
  return {
    governors: new GovernorRegistry(),
    // Many retries with short delays: 10% errors and 5% resets must never end a walk.
    retry: { attempts: 10, baseDelayMs: 10, maxDelayMs: 100 },
    ...extra,
  };
}

async function walk(
  path: string,
  opts: PaginateOptions<{ id: unknown }>,
  pause?: (index: number) => Promise<void>,
) {
  const ids: string[] = [];
  for await (const page of paginate<{ id: unknown }>(
    { url: `${emu.url}${path}`, headers: { authorization: `Bearer ${emu.apiToken}` } },
    opts,
  ).pages()) {
    ids.push(...page.items.map((item) => String(item.id)));
    if (pause) await pause(page.index);
  }
  return ids;
}

function expectExactlyOnce(got: readonly string[], expected: readonly string[]) {
  expect(new Set(got).size).toBe(got.length);
  expect(got).toEqual(expected);
}

describe('client against the emulator with faults on (10% 5xx, resets, 429 bursts, latency)', () => {
  beforeAll(async () => {
    await admin('PUT', '/__admin/faults', FAULTS);
  });

  it('zoom token walk of /v2/users returns every user once, in order', async () => {
    const expected = await expectedIds('list=zoom.users');
    expect(expected.length).toBeGreaterThan(100);
    expectExactlyOnce(await walk('/v2/users?page_size=30', options({ preset: 'zoom' })), expected);
  });

  it('zoom page numbers in parallel return every user once, in order', async () => {
    await admin('PUT', '/__admin/faults', FAULTS); // a fresh 429 burst
    const expected = await expectedIds('list=zoom.users');
    expectExactlyOnce(
      await walk('/v2/users?page_size=25', options({ preset: 'zoom-pages', concurrency: 4 })),
      expected,
    );
  });

  it('x timeline walk returns every post once, newest first', async () => {
    await admin('PUT', '/__admin/faults', FAULTS);
    const expected = await expectedIds(`list=x.user_tweets&user_id=${topAuthor}`);
    expect(expected.length).toBeGreaterThan(20);
    expectExactlyOnce(
      await walk(`/2/users/${topAuthor}/tweets?max_results=10`, options({ preset: 'x' })),
      expected,
    );
  });

  it('x timeline in time shards returns exactly the same set', async () => {
    await admin('PUT', '/__admin/faults', FAULTS);
    const expected = await expectedIds(`list=x.user_tweets&user_id=${topAuthor}`);
    const anchor = Date.parse(`${ANCHOR}T00:00:00Z`);
    const shards = timeShards({
      from: anchor - 40 * 86_400_000,
      to: anchor + 86_400_000,
      count: 4,
      style: 'x',
    });
    const got = await walk(
      `/2/users/${topAuthor}/tweets?max_results=10`,
      options({ preset: 'x', shards }),
    );
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual([...expected].sort());
  });
});

describe('expired page tokens', () => {
  beforeAll(async () => {
    // No forced 429s here: their reset time comes from the shifted clock.
    await admin('PUT', '/__admin/faults', { ...FAULTS, rateLimitBurst: 0 });
  });
  afterAll(async () => {
    clockShiftMs = 0;
    await admin('PUT', '/__admin/faults', {});
  });
  // After the second page, 16 minutes pass on the server: every token issued so far expires.
  const pauseAfterFirst = async (index: number) => {
    if (index === 1) clockShiftMs += 16 * 60_000;
  };

  it('x recovers with until_id: every post once, no duplicates', async () => {
    const expected = await expectedIds(`list=x.user_tweets&user_id=${topAuthor}`);
    const seen: URL[] = [];
    const recording: FetchLike = (input, init) => {
      seen.push(new URL(input));
      return fetch(input, init);
    };
    const got = await walk(
      `/2/users/${topAuthor}/tweets?max_results=10`,
      options({ preset: 'x', fetch: recording }),
      pauseAfterFirst,
    );
    expectExactlyOnce(got, expected);
    expect(seen.some((u) => u.searchParams.has('until_id'))).toBe(true);
  }, 30_000);

  it('zoom (no id window) ends with InvalidPageTokenError carrying the cursor', async () => {
    const error = await walk(
      '/v2/users?page_size=30',
      options({ preset: 'zoom' }),
      pauseAfterFirst,
    ).catch((e: unknown) => e);
    expect(isInvalidPageTokenError(error)).toBe(true);
    expect(
      isInvalidPageTokenError(error) && error.cursor?.params?.['next_page_token'],
    ).toBeTruthy();
  }, 30_000);
});

describe('churn writer on (inserts, deletes, updates) plus faults', () => {
  beforeAll(async () => {
    await admin('PUT', '/__admin/faults', FAULTS);
    await admin('PUT', '/__admin/churn', {
      insertsPerSec: 200,
      deletesPerSec: 50,
      updatesPerSec: 200,
    });
  });
  afterAll(async () => {
    await admin('PUT', '/__admin/churn', {});
    await admin('PUT', '/__admin/faults', {});
  });

  it('token walks return every seeded row exactly once, whatever is written meanwhile', async () => {
    const seededUsers = await expectedIds('list=zoom.users&origin=0');
    const users = await walk('/v2/users?page_size=20', options({ preset: 'zoom' }));
    expect(new Set(users).size).toBe(users.length);
    expect(users.filter((id) => seededUsers.includes(id)).sort()).toEqual([...seededUsers].sort());

    const seededTweets = await expectedIds(`list=x.user_tweets&user_id=${topAuthor}&origin=0`);
    const tweets = await walk(
      `/2/users/${topAuthor}/tweets?max_results=10`,
      options({ preset: 'x' }),
    );
    expect(new Set(tweets).size).toBe(tweets.length);
    const seededSet = new Set(seededTweets);
    expect(tweets.filter((id) => seededSet.has(id)).sort()).toEqual([...seededTweets].sort());
  });
});
