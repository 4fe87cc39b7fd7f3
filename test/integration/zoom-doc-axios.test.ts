import { type RunningEmulator, startEmulator } from '@pagewise/emulator';
import axios from 'axios';
import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Zoom's pagination page (seed 000) shows two Node.js loops with axios: "List all users with
// next_page_token" and "List users with page numbers". They run here as written there; only
// the base URL and the token are the emulator's, the items key is the list's, and the lists
// that need more than page_size (type, from, to) get them in `params`. A guard bounds each
// loop (the doc's `while (true)` has none). Each walk must collect exactly the database's rows.

const ANCHOR = '2024-06-01';
let emu: RunningEmulator;
let requests = 0;
let interceptor: number;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    database: ':memory:',
    seed: 'zoom-doc-axios',
    anchor: ANCHOR,
    // Page size 300, as in the doc: enough users, webinars and sessions for several pages.
    sizes: {
      zoomUsers: 800,
      zoomMeetings: 100,
      participantsPerMeeting: 200,
      zoomWebinars: 400,
      participantsPerWebinar: 60,
      xUsers: 2,
      xTweets: 10,
      xFollows: 1,
    },
    rateLimit: 'off',
    tokenKeys: generateKeySpec('t1'),
    logger: false,
    print: () => {},
    env: {},
  });
  // Counts the loop's requests without touching the loop.
  interceptor = axios.interceptors.request.use((config) => {
    requests++;
    return config;
  });
}, 120_000);

afterAll(async () => {
  axios.interceptors.request.eject(interceptor);
  await emu?.close();
});

/**
 * The doc's "List all users with next_page_token" loop, with the items key and the
 * list's own parameters as arguments. Its `catch` logs and stops (a silent stop): the
 * tests spy on `console.error` to see that it never ran.
 */
async function getAll(
  baseUrl: string,
  accessToken: string,
  itemsKey = 'users',
  listParams: Record<string, string> = {},
): Promise<Record<string, unknown>[]> {
  let allUsers: Record<string, unknown>[] = [];
  let nextPageToken = '';
  let guard = 0;

  while (true) {
    if (++guard > 1000) throw new Error('runaway loop');
    const headers = {
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
    };

    const params: Record<string, string | number> = { page_size: 300, ...listParams };
    if (nextPageToken) {
      params['next_page_token'] = nextPageToken;
    }

    try {
      const response = await axios.get(baseUrl, { headers, params });
      const data = response.data as Record<string, unknown>;

      allUsers = allUsers.concat((data[itemsKey] as Record<string, unknown>[]) || []);
      nextPageToken = (data['next_page_token'] as string) || '';

      if (!nextPageToken) {
        break;
      }
    } catch (error) {
      console.error('Error fetching users:', (error as Error).message);
      break;
    }
  }

  return allUsers;
}

/** The doc's "List users with page numbers" loop (legacy), stopping when page_number >= page_count. */
async function getAllByPageNumber(
  baseUrl: string,
  accessToken: string,
): Promise<Record<string, unknown>[]> {
  let allUsers: Record<string, unknown>[] = [];
  let pageNumber = 1;
  const pageSize = 300;

  while (true) {
    if (pageNumber > 1000) throw new Error('runaway loop');
    const headers = {
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
    };

    const params = {
      page_size: pageSize,
      page_number: pageNumber,
    };

    try {
      const response = await axios.get(baseUrl, { headers, params });
      const data = response.data as Record<string, unknown>;

      allUsers = allUsers.concat((data['users'] as Record<string, unknown>[]) || []);

      if (pageNumber >= (data['page_count'] as number)) {
        break;
      }

      pageNumber++;
    } catch (error) {
      console.error('Error fetching users:', (error as Error).message);
      break;
    }
  }

  return allUsers;
}

/** Runs a loop, returning what it collected and how many requests it sent; fails if it logged an error. */
async function walk(
  loop: () => Promise<Record<string, unknown>[]>,
): Promise<{ rows: Record<string, unknown>[]; requests: number }> {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  const before = requests;
  try {
    const rows = await loop();
    expect(errors).not.toHaveBeenCalled();
    return { rows, requests: requests - before };
  } finally {
    errors.mockRestore();
  }
}

const db = () => emu.app.emulator.context.handle.db;
const range = { from: '2023-01-01', to: '2025-12-31' };

describe("Zoom's pagination doc, its axios loops as written, against the emulator", () => {
  it('GET /v2/users: next_page_token and page numbers each collect every active user once, in order', async () => {
    const expected = (
      await db()
        .selectFrom('zoom_users')
        .select('id')
        .where('status', '=', 'active')
        .orderBy('seq')
        .execute()
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(600);
    const byToken = await walk(() => getAll(`${emu.url}/v2/users`, emu.apiToken));
    expect(byToken.rows.map((u) => u['id'])).toEqual(expected);
    expect(byToken.requests).toBe(Math.ceil(expected.length / 300));
    const byNumber = await walk(() => getAllByPageNumber(`${emu.url}/v2/users`, emu.apiToken));
    expect(byNumber.rows.map((u) => u['id'])).toEqual(expected);
  });

  it('GET /v2/metrics/webinars (past) collects every ended webinar of the window once', async () => {
    const expected = (
      await db()
        .selectFrom('zoom_webinars')
        .select('id')
        .where('end_time', '<=', Date.now())
        .where('start_time', '>=', Date.parse(range.from))
        .orderBy('start_time')
        .orderBy('id')
        .execute()
    ).map((r) => Number(r.id));
    expect(expected.length).toBeGreaterThan(300);
    const got = await walk(() =>
      getAll(`${emu.url}/v2/metrics/webinars`, emu.apiToken, 'webinars', {
        type: 'past',
        ...range,
      }),
    );
    expect(got.rows.map((w) => w['id'])).toEqual(expected);
    expect(got.requests).toBe(Math.ceil(expected.length / 300));
  });

  it('GET /v2/metrics/webinars/{webinarId}/participants collects every session of the largest webinar once', async () => {
    const webinar = await db()
      .selectFrom('zoom_webinars')
      .select(['id', 'uuid'])
      .orderBy('participants_count', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const expected = (
      await db()
        .selectFrom('zoom_webinar_participants')
        .select('user_id')
        .where('webinar_id', '=', webinar.id)
        .orderBy('id')
        .execute()
    ).map((r) => r.user_id);
    expect(expected.length).toBeGreaterThan(300);
    const got = await walk(() =>
      getAll(
        `${emu.url}/v2/metrics/webinars/${webinar.id}/participants`,
        emu.apiToken,
        'participants',
        {
          type: 'past',
        },
      ),
    );
    expect(got.rows.map((p) => p['user_id'])).toEqual(expected);
    expect(got.requests).toBe(Math.ceil(expected.length / 300));
    // By UUID, double-encoded as Zoom asks when it starts with '/' or holds '//'.
    const uuid = encodeURIComponent(encodeURIComponent(webinar.uuid));
    const byUuid = await walk(() =>
      getAll(`${emu.url}/v2/metrics/webinars/${uuid}/participants`, emu.apiToken, 'participants', {
        type: 'past',
      }),
    );
    expect(byUuid.rows).toEqual(got.rows);
  });

  it('GET /v2/metrics/meetings/{meetingId}/participants collects every session of the largest meeting once', async () => {
    const meeting = await db()
      .selectFrom('zoom_meetings')
      .select('id')
      .orderBy('participants_count', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const expected = (
      await db()
        .selectFrom('zoom_participants')
        .select('user_id')
        .where('meeting_id', '=', meeting.id)
        .orderBy('id')
        .execute()
    ).map((r) => r.user_id);
    expect(expected.length).toBeGreaterThan(300);
    const got = await walk(() =>
      getAll(
        `${emu.url}/v2/metrics/meetings/${meeting.id}/participants`,
        emu.apiToken,
        'participants',
        {
          type: 'past',
        },
      ),
    );
    expect(got.rows.map((p) => p['user_id'])).toEqual(expected);
    expect(got.requests).toBe(Math.ceil(expected.length / 300));
  });

  it("stops silently on an error, as the doc's loop does: the spy sees it", async () => {
    // What the tests above guard against: a bad token ends the doc's loop with a log line.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const rows = await getAll(`${emu.url}/v2/users`, 'not-a-token');
      expect(rows).toEqual([]);
      expect(errors).toHaveBeenCalledWith(
        'Error fetching users:',
        'Request failed with status code 401',
      );
    } finally {
      errors.mockRestore();
    }
  });
});
