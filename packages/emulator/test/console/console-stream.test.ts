import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { createDb, getJson, type TestDb, testOptions } from '../emulator-fixtures.js';

interface StreamEvent {
  readonly name: string;
  readonly data: Record<string, unknown>;
}

/** Reads Server-Sent Events from a fetch body; `raw` keeps every byte received as text. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let raw = '';
  return {
    get raw() {
      return raw;
    },
    /** The next event named `name` (others are skipped), or undefined when the stream ends. */
    async next(name: string): Promise<StreamEvent | undefined> {
      for (;;) {
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === name && data !== undefined) return { name, data: JSON.parse(data) };
          end = buffer.indexOf('\n\n');
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        buffer += text;
      }
    },
  };
}

describe('the console live stream', () => {
  let emu: RunningEmulator;
  let db: TestDb;
  const openStreams = async () =>
    (await getJson(`${emu.url}/__admin/console/traffic?limit=1`, 'test-admin-token')).body[
      'openStreams'
    ];

  beforeAll(async () => {
    db = await createDb('sqlite');
    // A frozen clock keeps the two requests below in one per-second window (on a loaded
    // machine they could straddle a window boundary and count 1 each).
    const frozen = Math.floor(Date.now() / 1000) * 1000 + 500;
    emu = await startEmulator(testOptions(db, { rateLimit: 'scaled', now: () => frozen }));
  });
  afterAll(async () => {
    await emu?.close();
    await db?.drop();
  });

  it('sends the state on connect, then each request once, page tokens shortened, and ends when the client goes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${emu.url}/__admin/console/stream`, {
      headers: { authorization: 'Bearer test-admin-token' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const events = eventReader(res.body!);
    const hello = await events.next('hello');
    expect(Object.keys(hello?.data ?? {}).sort()).toEqual(
      ['churn', 'faults', 'limits', 'now', 'rateLimitMode', 'rates', 'traffic'].sort(),
    );
    expect(hello?.data['rateLimitMode']).toBe('scaled');
    expect(await openStreams()).toBe(1);

    const first = await getJson(`${emu.url}/v2/users?page_size=2`, 'test-api-token');
    const token = first.body['next_page_token'] as string;
    await getJson(`${emu.url}/v2/users?page_size=2&next_page_token=${token}`, 'test-api-token');
    const rows: Record<string, unknown>[] = [];
    while (rows.length < 2) {
      const batch = await events.next('traffic');
      rows.push(...((batch?.data['rows'] as Record<string, unknown>[]) ?? []));
    }
    expect(rows.map((r) => r['path'])).toEqual([
      '/v2/users?page_size=2',
      `/v2/users?page_size=2&next_page_token=${token.slice(0, 6)}…(${token.length})`,
    ]);
    expect(rows[1]).toMatchObject({
      method: 'GET',
      route: 'GET /v2/users',
      principal: 'owner',
      status: 200,
      pageSize: 2,
      tokenSent: true,
      fault: null,
    });
    const limits = await events.next('limits');
    expect(limits?.data['entries']).toEqual(
      expect.arrayContaining([expect.objectContaining({ principal: 'owner', used: 2 })]),
    );
    // The whole page token never travels on the stream, nor does either bearer token.
    expect(events.raw).not.toContain(token);
    expect(events.raw).not.toContain('test-api-token');
    expect(events.raw).not.toContain('test-admin-token');

    controller.abort();
    let open = await openStreams();
    for (let i = 0; i < 50 && open !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = await openStreams();
    }
    expect(open).toBe(0);
  });

  it('reports fault changes made elsewhere, and ends open streams when the emulator closes', async () => {
    const other = await startEmulator(testOptions(db, { rateLimit: 'off' }));
    const res = await fetch(`${other.url}/__admin/console/stream`, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    const events = eventReader(res.body!);
    await events.next('hello');
    await fetch(`${other.url}/__admin/faults`, {
      method: 'PUT',
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 5 }),
    });
    expect((await events.next('faults'))?.data).toMatchObject({ latencyMs: 5 });
    await other.close(); // would wait forever for the stream without the preClose hook
    expect(await events.next('anything')).toBeUndefined();
  });
});
