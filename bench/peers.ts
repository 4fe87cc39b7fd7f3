/**
 * npm run bench:peers [-- --quick]
 *
 * The X timeline's first page and deep page (rows 3000–3099) served side by
 * side, on loopback, by:
 *
 * - the hand-written keyset route and the pagewise library route
 *   (bench:server's, over the emulator's SQLite data), and the emulator;
 * - Stoplight Prism mocking X's OpenAPI document
 *   (`../shared/specs/x-openapi-2.159.json`): a static example page;
 * - json-server 0.17 paging a JSON file of the same 3,200 posts with
 *   `_page`/`_limit`.
 *
 * Prism, json-server and twitter-api-v2 are installed on first use into
 * `.tmp/peers/` (npm install --prefix), never as project dependencies. Then
 * a twitter-api-v2 paginator walks `userTimeline` against each server
 * (`fetchNext` page by page, and `fetchLast`), bounded, and the table says
 * how far it got and whether it ended cleanly, got stuck or errored. The
 * last line is one JSON object with every figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSizes, startBenchServers } from './lib/bench-servers.js';
import { getJson, type LoadTarget, loadAbba } from './lib/http-load.js';
import {
  installPeers,
  type PeerServer,
  procCpuUs,
  startJsonServer,
  startPrism,
} from './lib/peer-servers.js';
import { pageDifference } from './lib/same-page.js';
import { BENCH_LISTS } from './lib/server-lists.js';
import { loadTwitterApi, type WalkOutcome, walkTimeline } from './lib/twitter-walk.js';
import { walkPages } from './lib/walk-pages.js';

const quick = process.argv.includes('--quick');
const seconds = quick ? 2 : 8;
const passes = quick ? 2 : 4;
const connections = 10;
const warmup = quick ? 100 : 300;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const peersDir = join(root, '.tmp', 'peers');
const spec = resolve(root, '../shared/specs/x-openapi-2.159.json');
/** The deep page: rows 3000–3099. */
const DEEP = 30;
const MAX_REQUESTS = 100;

interface Target {
  readonly server: string;
  readonly depth: 'first' | 'deep';
  readonly url: string;
  readonly token?: string;
  readonly cpuUs: () => Promise<number | undefined>;
  /** Items the page holds. */
  readonly items: number;
}

interface Row {
  server: string;
  depth: 'first' | 'deep';
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  items: number;
  vsHandWritten: number;
  cpuUs: number | undefined;
  /** The hand-written route's CPU per request over this server's (above 1: cheaper than hand-written). */
  cpuVsHandWritten: number | undefined;
}

function itemsOf(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  const data = (body as { data?: unknown[] }).data;
  return Array.isArray(data) ? data.length : 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = +(loadavg()[0] ?? 0).toFixed(2);
  installPeers(peersDir);
  const tmp = mkdtempSync(join(tmpdir(), 'pagewise-bench-peers-'));
  const timeline = BENCH_LISTS.find((l) => l.key === 'x-timeline')!;
  const peers: PeerServer[] = [];
  const s = await startBenchServers(join(tmp, 'emulator.sqlite'), benchSizes(true));
  const rows: Row[] = [];
  const walks: Record<string, WalkOutcome[]> = {};
  try {
    const token = s.emulator.apiToken;
    const path = timeline.first(s.ids);
    // json-server gets the same posts the emulator serves, in its order (X's 3,200 reach).
    const emulatorPages = await walkPages(`${s.emulator.url}${path}`, token, timeline.token);
    const posts: unknown[] = [];
    for (const url of emulatorPages) {
      posts.push(...(((await getJson(url, token)).body['data'] as unknown[] | undefined) ?? []));
    }
    const db = join(tmp, 'db.json');
    writeFileSync(db, JSON.stringify({ posts }));
    const routes = join(tmp, 'routes.json');
    // X's path onto json-server's resource, the query passed through (json-server's own syntax).
    writeFileSync(routes, JSON.stringify({ '/2/users/:id/tweets*': '/posts$2' }));
    const jsonServer = await startJsonServer(peersDir, db, routes);
    peers.push(jsonServer);
    const prism = await startPrism(peersDir, spec, `/2/users/${s.ids.xUserId}/tweets`);
    peers.push(prism);

    const proc = (pid: number) => async () => procCpuUs(pid);
    const targets: Target[] = [];
    const add = async (
      server: string,
      depth: 'first' | 'deep',
      url: string,
      cpuUs: () => Promise<number | undefined>,
      bearer?: string,
    ) => {
      const body = (await getJson(url, bearer)).body;
      targets.push({
        server,
        depth,
        url,
        cpuUs,
        items: itemsOf(body),
        ...(bearer ? { token: bearer } : {}),
      });
      return body;
    };
    const reference = [
      (await getJson(emulatorPages[0]!, token)).body,
      (await getJson(emulatorPages[DEEP]!, token)).body,
    ];
    for (const [server, child] of [
      ['hand-written keyset', s.handWritten],
      ['library', s.library],
      ['emulator', s.emulator],
    ] as const) {
      const urls = await walkPages(`${child.url}${path}`, token, timeline.token, DEEP + 1);
      for (const [i, depth] of [
        [0, 'first'],
        [DEEP, 'deep'],
      ] as const) {
        const body = await add(server, depth, urls[i]!, child.cpuUs, token);
        const difference = pageDifference(reference[i === 0 ? 0 : 1], body);
        if (difference !== undefined) throw new Error(`${server} ${depth}: ${difference}`);
      }
    }
    for (const [i, depth] of [
      [1, 'first'],
      [DEEP + 1, 'deep'],
    ] as const) {
      const body = await add(
        'json-server',
        depth,
        `${jsonServer.url}/posts?_page=${i}&_limit=100`,
        proc(jsonServer.pid),
      );
      const expected = reference[depth === 'first' ? 0 : 1]?.['data'];
      if (JSON.stringify(body) !== JSON.stringify(expected)) {
        throw new Error(`json-server ${depth}: not the emulator's rows`);
      }
    }
    const prismFirst = await add('Prism', 'first', `${prism.url}${path}`, proc(prism.pid), 'any');
    const prismToken = (prismFirst['meta'] as { next_token?: string } | undefined)?.next_token;
    await add(
      'Prism',
      'deep',
      `${prism.url}${path}&pagination_token=${encodeURIComponent(prismToken ?? 'string')}`,
      proc(prism.pid),
      'any',
    );

    const loadTargets: LoadTarget[] = targets.map((t) => ({
      key: `${t.server} ${t.depth}`,
      url: t.url,
      ...(t.token ? { token: t.token } : {}),
      cpuUs: async () => (await t.cpuUs()) ?? 0,
    }));
    const results = await loadAbba(loadTargets, { seconds, connections, warmup, passes });
    for (const t of targets) {
      const r = results.get(`${t.server} ${t.depth}`)!;
      rows.push({
        server: t.server,
        depth: t.depth,
        rps: Math.round(r.rps),
        p50: Math.round(r.p50 * 10) / 10,
        p99: r.p99,
        bytes: Buffer.byteLength((await getJson(t.url, t.token)).text),
        items: t.items,
        vsHandWritten: 0,
        cpuUs: r.cpuUsPerRequest === undefined ? undefined : Math.round(r.cpuUsPerRequest),
        cpuVsHandWritten: undefined,
      });
    }
    for (const r of rows) {
      const base = rows.find((b) => b.server === 'hand-written keyset' && b.depth === r.depth);
      r.vsHandWritten = base ? +(r.rps / base.rps).toFixed(3) : 0;
      r.cpuVsHandWritten =
        base?.cpuUs !== undefined && r.cpuUs !== undefined && r.cpuUs > 0
          ? +(base.cpuUs / r.cpuUs).toFixed(3)
          : undefined;
    }

    // The user's posts: all of them on the hand-written and library routes, X's 3,200 reach
    // on the emulator (and in json-server's file); Prism holds no list.
    let ownerPosts = 0;
    for (const url of await walkPages(`${s.handWritten.url}${path}`, token, timeline.token)) {
      ownerPosts += itemsOf((await getJson(url, token)).body);
    }
    const TwitterApi = loadTwitterApi(peersDir);
    for (const [server, url, bearer, expected] of [
      ['hand-written keyset', s.handWritten.url, token, ownerPosts],
      ['library', s.library.url, token, ownerPosts],
      ['emulator', s.emulator.url, token, posts.length],
      ['Prism', prism.url, 'any', undefined],
      ['json-server', jsonServer.url, 'any', posts.length],
    ] as const) {
      walks[server] = [];
      for (const method of ['fetchNext', 'fetchLast'] as const) {
        walks[server].push(
          await walkTimeline(
            TwitterApi,
            url,
            bearer,
            s.ids.xUserId,
            method,
            MAX_REQUESTS,
            expected,
          ),
        );
      }
    }
  } finally {
    for (const p of peers) await p.stop();
    await s.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const loadAverage = { start: loadAtStart, end: +(loadavg()[0] ?? 0).toFixed(2) };
  console.log(
    `\nbench:peers (${quick ? 'quick' : 'full'}; X timeline, page of 100 on SQLite; ${connections} connections, ${seconds} s per target in ${passes} slices, ABBA order, loopback; load average ${loadAverage.start} at start, ${loadAverage.end} at end)\n`,
  );
  console.log(
    '| server | page | items | body bytes | req/s | p50 ms | p99 ms | ÷ hand-written | CPU µs/req | CPU: hand-written ÷ this |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const page = r.depth === 'first' ? 'first' : `rows ${DEEP * 100}–${DEEP * 100 + 99}`;
    console.log(
      `| ${r.server} | ${page} | ${r.items} | ${r.bytes} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.vsHandWritten.toFixed(2)} | ${r.cpuUs ?? '-'} | ${r.cpuVsHandWritten?.toFixed(2) ?? '-'} |`,
    );
  }
  console.log(
    '\nPrism answers every page with the static example of X\'s OpenAPI document (one post); its "deep" page sends back the next_token it gave.\n' +
      "json-server pages the same 3,200 posts with _page/_limit (body: a bare array, no envelope). CPU µs/req: the server process's CPU per request answered.\n",
  );
  console.log(
    `twitter-api-v2 paginator, userTimeline(id, { max_results: 100 }) with its v2 prefix set to each server (at most ${MAX_REQUESTS} requests):\n`,
  );
  console.log('| server | method | requests | items (distinct) | outcome |');
  console.log('|---|---|---:|---:|---|');
  for (const [server, outcomes] of Object.entries(walks)) {
    for (const w of outcomes) {
      console.log(
        `| ${server} | ${w.method} | ${w.requests} | ${w.items} (${w.distinct}) | ${w.outcome}: ${w.detail} |`,
      );
    }
  }
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(
    JSON.stringify({
      bench: 'peers',
      quick,
      seconds,
      connections,
      loadAverage,
      rows,
      paginator: walks,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
