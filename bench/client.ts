/**
 * pagewise client vs. the hand-written loops of the Zoom and X pagination
 * docs, over real loopback sockets with 20 ms added latency per request.
 *
 * - (a) the Zoom doc's Node.js `next_page_token` loop and the X doc's
 *   JavaScript loop, reproduced faithfully (axios swapped for fetch in Zoom's);
 * - (b) pagewise sequential (`preset: 'zoom'`, `preset: 'x'`);
 * - (c) pagewise parallel: Zoom page numbers (`zoom-pages`, concurrency 16)
 *   and X time shards (16 `start_time`/`end_time` windows).
 * Every run must return the same item set (checked by count and id digest).
 * Then the peak RSS growth while streaming 1,000,000 items through
 * `paginate()` from an in-process fake `fetch` generating Zoom pages of 300
 * (no server needed; 22-character ids as Zoom's), with the peak V8 heap in
 * use beside it, against a bare fetch+parse loop; and both again with short
 * decimal ids, which V8 interns (see `zoomLikeId`).
 *
 * The server is a small in-bench node:http server with the Zoom and X
 * envelopes of WIRE.md (the emulator's fault-free wire shape), so the figures
 * measure the client, not a database.
 *
 * Run: `npm run bench:client` (100,000 items) or `npm run bench:client -- --quick`
 * (20,000 items, under 60 s). Prints a table; the last line is one JSON object.
 */

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@pagewise/emulator';
import { GovernorRegistry, paginate, timeShards } from 'pagewise/client';
import { generateKeySpec } from 'pagewise/token';

const quick = process.argv.includes('--quick');
const ITEMS = quick ? 20_000 : 100_000;
const STREAM_ITEMS = 1_000_000;
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const TOKEN = 'bench-token';
const START = Date.UTC(2024, 0, 1);

interface Row {
  readonly id: string;
  readonly t: number;
}
// Newest first, as X lists them; one item a second.
const rows: Row[] = Array.from({ length: ITEMS }, (_, i) => ({
  id: String(1_500_000_000_000_000_000n + BigInt(ITEMS - i)),
  t: START + (ITEMS - 1 - i) * 1000,
}));

function zoomBody(url: URL) {
  const size = Math.min(300, Number(url.searchParams.get('page_size') ?? 30));
  const pageNumber = url.searchParams.get('page_number');
  const token = url.searchParams.get('next_page_token');
  const offset = pageNumber ? (Number(pageNumber) - 1) * size : token ? Number(token.slice(1)) : 0;
  const users = rows
    .slice(offset, offset + size)
    .map((r) => ({ id: r.id, email: `${r.id}@ex.test` }));
  const more = offset + size < rows.length;
  return {
    page_count: Math.ceil(rows.length / size),
    ...(pageNumber ? { page_number: Number(pageNumber) } : {}),
    page_size: size,
    total_records: rows.length,
    ...(pageNumber ? {} : { next_page_token: more ? `o${offset + size}` : '' }),
    users,
  };
}

/** X timeline with start_time (inclusive) / end_time (exclusive), newest first. */
function xBody(url: URL) {
  const size = Math.min(100, Number(url.searchParams.get('max_results') ?? 10));
  const from = url.searchParams.get('start_time');
  const to = url.searchParams.get('end_time');
  // rows are sorted by t descending: the window [from, to) is one slice.
  const lo = to ? lowerIndex((r) => r.t < Date.parse(to)) : 0;
  const hi = from ? lowerIndex((r) => r.t < Date.parse(from)) : rows.length;
  const pool = { lo, hi };
  const token = url.searchParams.get('pagination_token');
  const offset = pool.lo + (token ? Number(token.slice(1)) : 0);
  const end = Math.min(offset + size, pool.hi);
  const data = rows.slice(offset, end).map((r) => ({ id: r.id, text: `post ${r.id}` }));
  const meta: Record<string, unknown> = { result_count: data.length };
  if (data.length > 0) {
    meta['newest_id'] = data[0]?.id;
    meta['oldest_id'] = data[data.length - 1]?.id;
  }
  if (end < pool.hi) meta['next_token'] = `n${end - pool.lo}`;
  return data.length > 0 ? { data, meta } : { meta };
}

/** First index whose row satisfies `pred` (pred is monotone over the descending rows). */
function lowerIndex(pred: (r: Row) => boolean): number {
  let a = 0;
  let b = rows.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (pred(rows[m] as Row)) b = m;
    else a = m + 1;
  }
  return a;
}

async function startServer() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    setTimeout(() => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      const body = url.pathname.startsWith('/v2/') ? zoomBody(url) : xBody(url);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }, LATENCY_MS);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// ---- (a) the doc loops, as printed (seed 000 Node.js tab, seed 004 JavaScript tab) ----

async function zoomDocLoop(baseUrl: string, accessToken: string) {
  let allUsers: { id: string }[] = [];
  let nextPageToken = '';
  while (true) {
    const headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
    const params: Record<string, string | number> = { page_size: 300 };
    if (nextPageToken) params['next_page_token'] = nextPageToken;
    try {
      // axios.get(baseUrl, { headers, params }) → fetch with the same query.
      const qs = new URLSearchParams(
        Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
      );
      const response = await fetch(`${baseUrl}?${qs}`, { headers });
      const data = (await response.json()) as {
        users?: { id: string }[];
        next_page_token?: string;
      };
      allUsers = allUsers.concat(data.users || []);
      nextPageToken = data.next_page_token || '';
      if (!nextPageToken) break;
    } catch (error) {
      console.error('Error fetching users:', (error as Error).message);
      break;
    }
  }
  return allUsers;
}

async function xDocLoop(url: string, bearerToken: string) {
  const headers = { Authorization: `Bearer ${bearerToken}` };
  const allTweets: { id: string }[] = [];
  let paginationToken: string | null | undefined = null;
  do {
    const params = new URLSearchParams({ max_results: '100' });
    if (paginationToken) params.set('pagination_token', paginationToken);
    const response = await fetch(`${url}?${params}`, { headers });
    const data = (await response.json()) as {
      data?: { id: string }[];
      meta?: { next_token?: string };
    };
    if (data.data) allTweets.push(...data.data);
    paginationToken = data.meta?.next_token;
  } while (paginationToken);
  return allTweets;
}

// ---- (b), (c) pagewise ----

const governors = new GovernorRegistry();
const headers = { authorization: `Bearer ${TOKEN}` };

async function drain(iterable: AsyncIterable<{ id: string }>) {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.id);
  return ids;
}

function digest(ids: readonly string[]) {
  return createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 16);
}

async function timed(
  name: string,
  run: () => Promise<readonly { id: string }[] | readonly string[]>,
) {
  const t0 = performance.now();
  const out = await run();
  const ms = performance.now() - t0;
  const ids = out.map((x) => (typeof x === 'string' ? x : x.id));
  return { name, ms, count: ids.length, digest: digest(ids) };
}

/** What a streaming child measures: pagewise, the bare loop, or the bare loop as an async generator. */
type StreamMode = 'client' | 'raw' | 'generator';

/**
 * A 22-character id in the shape of Zoom's user ids (`KDcuGIm1QgePTO8WbOqwIQ`),
 * as the emulator generates them. Shape matters here: on Node 20, JSON.parse
 * interns string values of 10 characters or fewer straight into old space,
 * so short numeric ids would measure V8's string table, not the client.
 */
function zoomLikeId(n: number): string {
  return SHORT_IDS ? String(n) : `KDcuGIm1QgePTO8W${n.toString(36).padStart(6, '0')}`;
}

/** `--short-ids`: decimal ids of up to 7 characters instead, to show the interning effect. */
const SHORT_IDS = process.argv.includes('--short-ids');

/** Last names from a small vocabulary, as real directories repeat them. */
const LAST_NAMES = ['Garcia', 'Smith', 'Nguyen', 'Okafor', 'Rossi', 'Tanaka', 'Silva', 'Novak'];

async function streamRss(mode: StreamMode) {
  // Zoom-shaped pages of 300 (Zoom's maximum), generated in process.
  const pageSize = 300;
  // Bodies are built as strings: generating objects and stringifying them would cost more than the client.
  const fetch = async (input: string) => {
    const url = new URL(input);
    const offset = Number(url.searchParams.get('next_page_token') ?? 0);
    const end = Math.min(offset + pageSize, STREAM_ITEMS);
    const users: string[] = [];
    for (let n = offset + 1; n <= end; n++) {
      users.push(
        `{"id":"${zoomLikeId(n)}","email":"user${n}@example.test","first_name":"Generated","last_name":"${LAST_NAMES[n % LAST_NAMES.length]}"}`,
      );
    }
    const next = end < STREAM_ITEMS ? String(end) : '';
    const body = `{"page_size":${pageSize},"total_records":${STREAM_ITEMS},"next_page_token":"${next}","users":[${users.join(',')}]}`;
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let count = 0;
  const t0 = performance.now();
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  if (mode === 'raw') {
    // Baseline: the same pages fetched and parsed by a bare loop, no client.
    for (let offset = 0; offset < STREAM_ITEMS; offset += pageSize) {
      const response = await fetch(`https://fake.test/v2/users?next_page_token=${offset}`);
      const body = JSON.parse(await response.text()) as { users: unknown[] };
      for (const _item of body.users) if (++count % 10_000 === 0) sample();
    }
  } else if (mode === 'generator') {
    // Like for like: the bare loop handing each item out through an async iterable, as
    // pagewise must (one promise and result object per item, which the loop above skips).
    async function* bareItems() {
      for (let offset = 0; offset < STREAM_ITEMS; offset += pageSize) {
        const response = await fetch(`https://fake.test/v2/users?next_page_token=${offset}`);
        const body = JSON.parse(await response.text()) as { users: unknown[] };
        yield* body.users;
      }
    }
    for await (const _item of bareItems()) if (++count % 10_000 === 0) sample();
  } else {
    for await (const _item of paginate('https://fake.test/v2/users?page_size=300', {
      preset: 'zoom',
      fetch,
      governors,
    })) {
      if (++count % 10_000 === 0) sample();
    }
  }
  return {
    count,
    ms: performance.now() - t0,
    rssBeforeMiB: before.rss / 2 ** 20,
    peakGrowthMiB: (peakRss - before.rss) / 2 ** 20,
    peakHeapMiB: peakHeap / 2 ** 20,
  };
}

/**
 * The same Zoom comparison against the real emulator (SQLite in memory, 20 ms
 * latency fault). Its X lists cannot hold 100,000 items in one walk (a
 * timeline stops at 3,200 posts, recent search at 7 days), so X runs only on
 * the in-bench server.
 */
async function emulatorZoom() {
  // About 85% of generated users are active (the list's default filter).
  const emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    database: ':memory:',
    seed: 'bench-client',
    sizes: {
      zoomUsers: Math.ceil(ITEMS / 0.85),
      zoomMeetings: 10,
      xUsers: 2,
      xTweets: 10,
      xFollows: 1,
    },
    rateLimit: 'off',
    faults: { latencyMs: LATENCY_MS },
    tokenKeys: generateKeySpec('bench'),
    logger: false,
    print: () => {},
    env: {},
  });
  try {
    const res = await fetch(`${emu.url}/__admin/dataset/ids?list=zoom.users`, {
      headers: { authorization: `Bearer ${emu.adminToken}` },
    });
    const expected = ((await res.json()) as { ids: string[] }).ids;
    const url = `${emu.url}/v2/users`;
    const auth = { authorization: `Bearer ${emu.apiToken}` };
    const runs = [
      await timed('emulator: zoom doc loop', () => zoomDocLoop(url, emu.apiToken)),
      await timed('emulator: zoom pagewise sequential', () =>
        drain(
          paginate({ url: `${url}?page_size=300`, headers: auth }, { preset: 'zoom', governors }),
        ),
      ),
      await timed('emulator: zoom pagewise parallel (page numbers)', () =>
        drain(
          paginate(
            { url: `${url}?page_size=300`, headers: auth },
            { preset: 'zoom-pages', concurrency: CONCURRENCY, governors },
          ),
        ),
      ),
    ];
    for (const r of runs) {
      if (r.count !== expected.length || r.digest !== digest(expected)) {
        throw new Error(`${r.name} returned ${r.count} items, expected ${expected.length}`);
      }
    }
    return runs;
  } finally {
    await emu.close();
  }
}

async function main() {
  // Memory in fresh processes: pagewise, and a bare fetch+parse loop over the same pages as baseline.
  const stream = await streamInChild('client');
  const baseline = await streamInChild('raw');
  const generatorBaseline = await streamInChild('generator');
  // The same two with short decimal ids, reported beside them (see zoomLikeId).
  const streamShort = await streamInChild('client', 'short');
  const baselineShort = await streamInChild('raw', 'short');
  const { server, base } = await startServer();
  try {
    const zoomUrl = `${base}/v2/users`;
    const xUrl = `${base}/2/users/1/tweets`;
    const shards = timeShards({
      from: START,
      to: START + ITEMS * 1000,
      count: CONCURRENCY,
      style: 'x',
    });
    const results = [
      await timed('zoom doc loop', () => zoomDocLoop(zoomUrl, TOKEN)),
      await timed('zoom pagewise sequential', () =>
        drain(
          paginate({ url: `${zoomUrl}?page_size=300`, headers }, { preset: 'zoom', governors }),
        ),
      ),
      await timed('zoom pagewise parallel (page numbers)', () =>
        drain(
          paginate(
            { url: `${zoomUrl}?page_size=300`, headers },
            { preset: 'zoom-pages', concurrency: CONCURRENCY, governors },
          ),
        ),
      ),
      await timed('x doc loop', () => xDocLoop(xUrl, TOKEN)),
      await timed('x pagewise sequential', () =>
        drain(paginate({ url: `${xUrl}?max_results=100`, headers }, { preset: 'x', governors })),
      ),
      await timed('x pagewise parallel (time shards)', () =>
        drain(
          paginate({ url: `${xUrl}?max_results=100`, headers }, { preset: 'x', shards, governors }),
        ),
      ),
    ];
    const expected = digest(rows.map((r) => r.id));
    for (const r of results) {
      if (r.count !== ITEMS || r.digest !== expected) {
        throw new Error(
          `${r.name} returned ${r.count} items (digest ${r.digest}), expected ${ITEMS}`,
        );
      }
    }
    const byName: Record<string, number> = Object.fromEntries(results.map((r) => [r.name, r.ms]));
    const ratio = (a: string, b: string) => (byName[a] ?? Number.NaN) / (byName[b] ?? Number.NaN);
    const ratios = {
      zoomSequentialVsDoc: ratio('zoom pagewise sequential', 'zoom doc loop'),
      zoomDocVsParallel: ratio('zoom doc loop', 'zoom pagewise parallel (page numbers)'),
      xSequentialVsDoc: ratio('x pagewise sequential', 'x doc loop'),
      xDocVsParallel: ratio('x doc loop', 'x pagewise parallel (time shards)'),
    };
    const emulatorRuns = await emulatorZoom();
    for (const r of emulatorRuns) byName[r.name] = r.ms;
    const emulatorRatios = {
      zoomSequentialVsDoc: ratio('emulator: zoom pagewise sequential', 'emulator: zoom doc loop'),
      zoomDocVsParallel: ratio(
        'emulator: zoom doc loop',
        'emulator: zoom pagewise parallel (page numbers)',
      ),
    };

    console.log(
      `pagewise client bench: ${ITEMS} items, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}${quick ? ' (quick)' : ''}`,
    );
    console.log('| run | items | time (s) | items/s |');
    console.log('|---|---:|---:|---:|');
    for (const r of [...results, ...emulatorRuns]) {
      console.log(
        `| ${r.name} | ${r.count} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(r.count / (r.ms / 1000))} |`,
      );
    }
    console.log('');
    console.log(
      `zoom: sequential/doc ${ratios.zoomSequentialVsDoc.toFixed(3)}x, doc/parallel ${ratios.zoomDocVsParallel.toFixed(1)}x`,
    );
    console.log(
      `x:    sequential/doc ${ratios.xSequentialVsDoc.toFixed(3)}x, doc/parallel ${ratios.xDocVsParallel.toFixed(1)}x`,
    );
    console.log(
      `emulator zoom: sequential/doc ${emulatorRatios.zoomSequentialVsDoc.toFixed(3)}x, doc/parallel ${emulatorRatios.zoomDocVsParallel.toFixed(1)}x`,
    );
    console.log(
      `streaming ${stream.count} items (${(stream.ms / 1000).toFixed(1)} s): peak RSS growth ${stream.peakGrowthMiB.toFixed(1)} MiB ` +
        `(RSS before ${stream.rssBeforeMiB.toFixed(0)} MiB), peak heap used ${stream.peakHeapMiB.toFixed(1)} MiB; ` +
        `bare fetch+parse loop over the same pages: RSS growth ${baseline.peakGrowthMiB.toFixed(1)} MiB, heap ${baseline.peakHeapMiB.toFixed(1)} MiB; ` +
        `the same loop yielding each item from an async generator: RSS growth ${generatorBaseline.peakGrowthMiB.toFixed(1)} MiB, heap ${generatorBaseline.peakHeapMiB.toFixed(1)} MiB`,
    );
    console.log(
      `  (items are Zoom-shaped: 22-character ids. With decimal ids of at most 7 characters, which Node 20's JSON.parse interns into old space: ` +
        `pagewise ${streamShort.peakGrowthMiB.toFixed(1)} MiB, bare loop ${baselineShort.peakGrowthMiB.toFixed(1)} MiB)`,
    );
    console.log(
      JSON.stringify({
        bench: 'client',
        quick,
        items: ITEMS,
        latencyMs: LATENCY_MS,
        concurrency: CONCURRENCY,
        server: 'in-bench node:http (Zoom/X envelopes)',
        timesMs: Object.fromEntries(
          [...results, ...emulatorRuns].map((r) => [r.name, Math.round(r.ms)]),
        ),
        ratios,
        emulatorRatios,
        stream: {
          items: stream.count,
          ms: Math.round(stream.ms),
          peakRssGrowthMiB: Number(stream.peakGrowthMiB.toFixed(1)),
          peakHeapUsedMiB: Number(stream.peakHeapMiB.toFixed(1)),
          baselinePeakRssGrowthMiB: Number(baseline.peakGrowthMiB.toFixed(1)),
          baselinePeakHeapUsedMiB: Number(baseline.peakHeapMiB.toFixed(1)),
          generatorBaselinePeakRssGrowthMiB: Number(generatorBaseline.peakGrowthMiB.toFixed(1)),
          generatorBaselinePeakHeapUsedMiB: Number(generatorBaseline.peakHeapMiB.toFixed(1)),
          shortIdsPeakRssGrowthMiB: Number(streamShort.peakGrowthMiB.toFixed(1)),
          shortIdsBaselinePeakRssGrowthMiB: Number(baselineShort.peakGrowthMiB.toFixed(1)),
        },
      }),
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** Runs one streaming measurement in a fresh process, so earlier runs do not skew its RSS. */
async function streamInChild(
  mode: StreamMode,
  ids: 'zoom' | 'short' = 'zoom',
): Promise<Awaited<ReturnType<typeof streamRss>>> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      `--stream=${mode}`,
      ...(ids === 'short' ? ['--short-ids'] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`stream measurement (${mode}) exited ${code}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

const streamMode = process.argv.find((a) => a.startsWith('--stream='))?.slice('--stream='.length);
if (streamMode === 'client' || streamMode === 'raw' || streamMode === 'generator') {
  console.log(JSON.stringify(await streamRss(streamMode)));
} else {
  await main();
}
