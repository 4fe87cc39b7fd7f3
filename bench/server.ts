/**
 * npm run bench:server [-- --quick]
 *
 * Requests/s and latency of the emulator's paginated endpoints under
 * autocannon, on SQLite and on an embedded PostgreSQL, side by side with a
 * bare Fastify route that returns an equally large precomputed JSON body (the
 * ceiling for this machine) and a bare route that serializes that same body
 * from objects on every request (what writing the JSON alone costs). First pages and deep pages (reached by walking
 * real page tokens), each list's pages and ceilings measured in ABBA order.
 * Servers run in child processes on loopback; every run is bounded in time. The last line is one JSON object with every figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';
import { spawnServer } from './lib/spawn-server.js';

const quick = process.argv.includes('--quick');
const duration = quick ? 3 : 10;
const connections = 10;
const sizes = quick
  ? {
      zoomUsers: 200,
      zoomMeetings: 10_000,
      participantsPerMeeting: 1,
      xUsers: 100,
      xTweets: 30_000,
      xFollows: 2_000,
    }
  : {
      zoomUsers: 1000,
      zoomMeetings: 50_000,
      participantsPerMeeting: 2.5,
      xUsers: 1000,
      xTweets: 300_000,
      xFollows: 500_000,
    };

interface Row {
  db: string;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  ceilingRps: number;
  ratio: number;
  /** The same body serialized from objects on every request (no database, no pagination). */
  stringifyRps: number;
  /** stringifyRps / ceilingRps: the best any endpoint that writes this JSON per request can do. */
  stringifyRatio: number;
}

async function getJson(
  url: string,
  token: string,
): Promise<{ body: Record<string, unknown>; text: string }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as Record<string, unknown>, text };
}

async function load(
  url: string,
  token: string | undefined,
  seconds: number,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

/** Walks `fraction` of a list by its tokens and returns the URL of that page. */
async function deepUrl(
  first: string,
  token: string,
  next: (b: Record<string, unknown>) => string | undefined,
  param: string,
  fraction: number,
): Promise<{ url: string; pages: number }> {
  const urls: string[] = [first];
  let url = first;
  for (let i = 0; i < 10_000; i++) {
    const { body } = await getJson(url, token);
    const t = next(body);
    if (!t) break;
    const u = new URL(first);
    u.searchParams.set(param, t);
    url = u.toString();
    urls.push(url);
  }
  // The last page is usually short; the deepest full page is the one before it.
  const idx = Math.max(0, Math.min(urls.length - 2, Math.round((urls.length - 1) * fraction)));
  return { url: urls[idx]!, pages: urls.length };
}

interface Scenario {
  readonly scenario: string;
  readonly url: string;
}

/**
 * Loads a list's first and deep page with their ceilings, side by side: every
 * target (endpoint, ceiling, serialize-only route, for each page) runs twice
 * for half the duration, in one order and then in the reverse order (ABBA),
 * so that drift over the run (a checkpoint, a cache warming up) does not
 * favour whichever ran first. Requests/s are the mean of the two halves;
 * p50 the mean, p99 the worse of the two.
 */
async function benchPair(
  label: string,
  server: { url: string; apiToken: string },
  scenarios: readonly Scenario[],
  tmp: string,
): Promise<Row[]> {
  const targets: { key: string; url: string; token?: string }[] = [];
  const children: { stop(): Promise<void> }[] = [];
  const texts: string[] = [];
  try {
    for (const [i, s] of scenarios.entries()) {
      const { text } = await getJson(s.url, server.apiToken);
      texts.push(text);
      const bodyFile = join(tmp, `body-${i}.json`);
      writeFileSync(bodyFile, text);
      const ceiling = await spawnServer(['ceiling', bodyFile]);
      children.push(ceiling);
      const stringify = await spawnServer(['stringify', bodyFile]);
      children.push(stringify);
      targets.push(
        { key: `ceiling ${i}`, url: `${ceiling.url}/ceiling` },
        { key: `stringify ${i}`, url: `${stringify.url}/ceiling` },
        { key: `endpoint ${i}`, url: s.url, token: server.apiToken },
      );
    }
    const halves = new Map<string, Awaited<ReturnType<typeof load>>[]>();
    for (const t of [...targets, ...[...targets].reverse()]) {
      const r = await load(t.url, t.token, duration / 2);
      if (r.errors > 0) throw new Error(`${label} ${t.key}: ${r.errors} errors under load`);
      halves.set(t.key, [...(halves.get(t.key) ?? []), r]);
    }
    const mean = (key: string) => {
      const h = halves.get(key)!;
      return {
        rps: h.reduce((a, r) => a + r.rps, 0) / h.length,
        p50: h.reduce((a, r) => a + r.p50, 0) / h.length,
        p99: Math.max(...h.map((r) => r.p99)),
      };
    };
    return scenarios.map((s, i) => {
      const c = mean(`ceiling ${i}`);
      const j = mean(`stringify ${i}`);
      const e = mean(`endpoint ${i}`);
      console.error(
        `  ${label} ${s.scenario}: ${Math.round(e.rps)} req/s (ceiling ${Math.round(c.rps)}, serialize-only ${Math.round(j.rps)})`,
      );
      return {
        db: label,
        scenario: s.scenario,
        rps: Math.round(e.rps),
        p50: Math.round(e.p50 * 10) / 10,
        p99: e.p99,
        bytes: Buffer.byteLength(texts[i]!),
        ceilingRps: Math.round(c.rps),
        ratio: +(e.rps / c.rps).toFixed(3),
        stringifyRps: Math.round(j.rps),
        stringifyRatio: +(j.rps / c.rps).toFixed(3),
      };
    });
  } finally {
    for (const child of children) await child.stop();
  }
}

async function benchDatabase(label: string, database: string, tmp: string): Promise<Row[]> {
  const server = await spawnServer(['emulator', database, JSON.stringify(sizes)]);
  const rows: Row[] = [];
  try {
    const ds = (await getJson(`${server.url}/__admin/dataset`, server.adminToken)).body as {
      owner: { xUserId: string };
    };
    const xFirst = `${server.url}/2/users/${ds.owner.xUserId}/tweets?max_results=100`;
    const zoomFirst = `${server.url}/v2/metrics/meetings?type=past&from=2025-06-01&to=2026-02-01&page_size=300`;
    const xDeep = await deepUrl(
      xFirst,
      server.apiToken,
      (b) => (b['meta'] as { next_token?: string } | undefined)?.next_token,
      'pagination_token',
      0.99,
    );
    const zoomDeep = await deepUrl(
      zoomFirst,
      server.apiToken,
      (b) => (b['next_page_token'] as string) || undefined,
      'next_page_token',
      0.99,
    );
    const pairs = [
      {
        first: { scenario: `X timeline, page of 100, first`, url: xFirst },
        deep: { scenario: `X timeline, page of 100, deep (${xDeep.pages} pages)`, url: xDeep.url },
      },
      {
        first: { scenario: `Zoom dashboard meetings, page of 300, first`, url: zoomFirst },
        deep: {
          scenario: `Zoom dashboard meetings, page of 300, deep (${zoomDeep.pages} pages)`,
          url: zoomDeep.url,
        },
      },
    ];
    for (const pair of pairs)
      rows.push(...(await benchPair(label, server, [pair.first, pair.deep], tmp)));
  } finally {
    await server.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'pagewise-bench-server-'));
  const rows: Row[] = [];
  try {
    rows.push(...(await benchDatabase('sqlite', join(tmp, 'emulator.sqlite'), tmp)));
    const pg = await startEmbeddedPostgres();
    try {
      rows.push(...(await benchDatabase('postgres', pg.url, tmp)));
    } finally {
      await pg.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `\nbench:server (${quick ? 'quick' : 'full'}; ${connections} connections, ${duration} s per target in two halves, ABBA order, loopback)\n`,
  );
  console.log(
    '| db | scenario | body bytes | req/s | p50 ms | p99 ms | ceiling req/s | ratio | serialize-only req/s | serialize-only ratio |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.db} | ${r.scenario} | ${r.bytes} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ceilingRps} | ${r.ratio} | ${r.stringifyRps} | ${r.stringifyRatio} |`,
    );
  }
  console.log(
    '\nratio: endpoint req/s over the ceiling (a bare Fastify route sending the same body, precomputed).\n' +
      'serialize-only: a bare route that JSON.stringify-s the same body from objects on each request, with no database and no pagination.',
  );
  const deepVsFirst: Record<string, number> = {};
  for (const db of ['sqlite', 'postgres']) {
    for (const kind of ['X timeline', 'Zoom dashboard']) {
      const first = rows.find(
        (r) => r.db === db && r.scenario.startsWith(kind) && r.scenario.endsWith('first'),
      );
      const deep = rows.find(
        (r) => r.db === db && r.scenario.startsWith(kind) && r.scenario.includes('deep'),
      );
      if (first && deep) deepVsFirst[`${db} ${kind}`] = +(deep.rps / first.rps).toFixed(3);
    }
  }
  console.log(`\ndeep/first req/s: ${JSON.stringify(deepVsFirst)}`);
  console.log(
    JSON.stringify({ bench: 'server', quick, duration, connections, sizes, rows, deepVsFirst }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
