/**
 * npm run bench:server [-- --quick]
 *
 * Requests/s and latency of the emulator's paginated endpoints under
 * autocannon, on SQLite and on an embedded PostgreSQL, side by side with a
 * bare Fastify route that returns an equally large precomputed JSON body (the
 * ceiling for this machine) and a bare route that serializes that same body
 * from objects on every request (what writing the JSON alone costs). First pages and deep pages (reached by walking
 * real page tokens). Servers run in child processes on loopback; every run is
 * bounded in time. The last line is one JSON object with every figure.
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
  token?: string,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const r = await autocannon({
    url,
    connections,
    duration,
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
    const scenarios = [
      { scenario: `X timeline, page of 100, first`, url: xFirst },
      { scenario: `X timeline, page of 100, deep (${xDeep.pages} pages)`, url: xDeep.url },
      { scenario: `Zoom dashboard meetings, page of 300, first`, url: zoomFirst },
      {
        scenario: `Zoom dashboard meetings, page of 300, deep (${zoomDeep.pages} pages)`,
        url: zoomDeep.url,
      },
    ];
    for (const s of scenarios) {
      const { text } = await getJson(s.url, server.apiToken);
      const bodyFile = join(tmp, 'body.json');
      writeFileSync(bodyFile, text);
      const ceiling = await spawnServer(['ceiling', bodyFile]);
      const stringify = await spawnServer(['stringify', bodyFile]);
      try {
        // Side by side: the ceiling, the serialize-only route and the endpoint
        // are loaded one right after the other.
        const c = await load(`${ceiling.url}/ceiling`);
        const j = await load(`${stringify.url}/ceiling`);
        const e = await load(s.url, server.apiToken);
        if (e.errors > 0) throw new Error(`${label} ${s.scenario}: ${e.errors} errors under load`);
        rows.push({
          db: label,
          scenario: s.scenario,
          rps: Math.round(e.rps),
          p50: e.p50,
          p99: e.p99,
          bytes: Buffer.byteLength(text),
          ceilingRps: Math.round(c.rps),
          ratio: +(e.rps / c.rps).toFixed(3),
          stringifyRps: Math.round(j.rps),
          stringifyRatio: +(j.rps / c.rps).toFixed(3),
        });
        console.error(
          `  ${label} ${s.scenario}: ${Math.round(e.rps)} req/s (ceiling ${Math.round(c.rps)}, serialize-only ${Math.round(j.rps)})`,
        );
      } finally {
        await ceiling.stop();
        await stringify.stop();
      }
    }
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
    `\nbench:server (${quick ? 'quick' : 'full'}; ${connections} connections, ${duration} s per run, loopback)\n`,
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
