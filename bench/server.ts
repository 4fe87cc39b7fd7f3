/**
 * npm run bench:server [-- --quick] [--list x-timeline]
 *
 * Requests/s of the same pages served side by side, on SQLite and on an
 * embedded PostgreSQL, each server in its own child process on loopback:
 *
 * - hand-written keyset routes (bench/hand-written/): what a user writes
 *   instead of pagewise, one per emulator list, over the emulator's own
 *   database (read-only), returning the same rows in the same envelope;
 *   the baseline every ratio is taken against;
 * - the pagewise library route (bench/library/) for the X timeline:
 *   `fastifyPageRoute` + `definePaginatedList` + `preparedKyselySource`;
 * - the hand-written X timeline with pagewise's sealed, bound, expiring
 *   tokens (bench/hand-written/x-timeline-sealed.ts): the library route's
 *   bound, since the library does the same token work;
 * - the emulator's own endpoint for each list;
 * - for context, a hand-written OFFSET route (X timeline), a bare route
 *   returning the precomputed body (the ceiling: the HTTP stack alone) and a
 *   route that `JSON.stringify`-s that body per request (serialize-only).
 *
 * Each list's first page and a deep page (X timeline: rows 3000–3099; the
 * others about 99% deep), reached by walking each server's own tokens; every
 * server's page is checked to hold the same rows as the emulator's before
 * it is loaded. A list's targets run in ABBA order after a warm-up (see
 * loadAbba). The emulator's clock is pinned to the dataset's anchor so that
 * recent search's 7-day reach and "past" meetings are the same rows in every
 * process for the whole run. Bounded: about 15 minutes (`--quick`: about 3,
 * with a smaller dataset, shorter loads and no context rows).
 * `--list <key>` loads only that list (see lib/server-lists.ts).
 * The last line is one JSON object with every figure, including
 * `libraryVsHandWritten` and `emulatorVsHandWritten`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';
import { benchSizes, startBenchServers } from './lib/bench-servers.js';
import { getJson, type LoadTarget, loadAbba } from './lib/http-load.js';
import { deepOverFirst, ratiosTo } from './lib/ratios.js';
import { pageDifference } from './lib/same-page.js';
import {
  BENCH_LISTS,
  type BenchList,
  type DatasetIds,
  SERVERS,
  type ServerName,
} from './lib/server-lists.js';
import type { ChildServer } from './lib/spawn-server.js';
import { deepIndex, walkPages } from './lib/walk-pages.js';

const quick = process.argv.includes('--quick');
const listArg = process.argv.indexOf('--list');
/** Only this list's targets are loaded (`--list x-timeline`); all of them by default. */
const onlyList = listArg >= 0 ? process.argv[listArg + 1] : undefined;
if (onlyList !== undefined && !BENCH_LISTS.some((l) => l.key === onlyList)) {
  throw new Error(`bench:server: unknown list ${onlyList}`);
}
const seconds = quick ? 2 : 8;
const connections = 10;
const warmup = quick ? 100 : 300;
/** Passes over a list's targets (ABBA…): more, shorter slices spread a burst of outside load. */
const passes = quick ? 2 : 4;
const GOALS = { library: 1.0, emulator: 0.8, deepWithin: 0.1 } as const;
const sizes = benchSizes(quick);

interface Row {
  db: string;
  list: string;
  depth: 'first' | 'deep';
  /** Which rows the page holds (`rows 3000–3099`, `page 120 of 122`). */
  page: string;
  server: ServerName;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  /** req/s over the hand-written keyset route's on the same page. */
  vsHandWritten: number;
  /** CPU time of the server's Node process per request, µs (on PostgreSQL the database's own CPU is not in it). */
  cpuUs: number | undefined;
  /** The hand-written route's CPU per request over this server's (above 1: cheaper than hand-written). */
  cpuVsHandWritten: number | undefined;
}

interface Servers {
  readonly emulator: ChildServer;
  readonly handWritten: ChildServer;
  readonly library: ChildServer;
  readonly sealed: ChildServer;
  readonly ceiling: ChildServer;
  readonly stringify: ChildServer;
}

interface Page {
  readonly server: ServerName;
  readonly depth: 'first' | 'deep';
  readonly url: string;
  readonly token?: string;
  readonly child: ChildServer;
}

/** The URL of page `index` of a list on one server, walking that server's own tokens. */
async function pageUrl(
  base: string,
  path: string,
  list: BenchList,
  token: string,
  index: number,
): Promise<string> {
  const urls = await walkPages(`${base}${path}`, token, list.token, index + 1);
  const url = urls[index];
  if (url === undefined) throw new Error(`${base}${path}: only ${urls.length} pages`);
  return url;
}

/** Walks, checks and loads one list's pages on every server that serves it. */
async function benchList(
  db: string,
  list: BenchList,
  index: number,
  ids: DatasetIds,
  s: Servers,
): Promise<Row[]> {
  const t0 = Date.now();
  const path = list.first(ids);
  const token = s.emulator.apiToken;
  const emulatorPages = await walkPages(`${s.emulator.url}${path}`, token, list.token);
  const deep = deepIndex(emulatorPages.length, list.deep.fraction, list.deep.index);
  const label =
    list.deep.index === deep
      ? `rows ${deep * 100}–${deep * 100 + 99}`
      : `page ${deep + 1} of ${emulatorPages.length}`;
  const others: [ServerName, ChildServer, string][] = [
    ['hand-written keyset', s.handWritten, path],
  ];
  // The context rows (ceiling, serialize-only, OFFSET) only in full runs.
  const context = !quick;
  if (list.library) {
    others.push(['library', s.library, path], ['hand-written, sealed tokens', s.sealed, path]);
  }
  if (list.library && context) {
    others.push(['hand-written offset', s.handWritten, `/offset${path}`]);
  }
  const pages: Page[] = context
    ? [
        {
          server: 'ceiling',
          depth: 'first',
          url: `${s.ceiling.url}/body/${index}`,
          child: s.ceiling,
        },
        {
          server: 'serialize-only',
          depth: 'first',
          url: `${s.stringify.url}/body/${index}`,
          child: s.stringify,
        },
      ]
    : [];
  for (const depth of ['first', 'deep'] as const) {
    const i = depth === 'first' ? 0 : deep;
    const reference = emulatorPages[i]!;
    pages.push({ server: 'emulator', depth, url: reference, token, child: s.emulator });
    const expected = (await getJson(reference, token)).body;
    for (const [server, child, p] of others) {
      const url = i === 0 ? `${child.url}${p}` : await pageUrl(child.url, p, list, token, i);
      const difference = pageDifference(expected, (await getJson(url, token)).body);
      if (difference !== undefined) {
        throw new Error(`${db} ${list.key} ${depth}: ${server} and emulator differ: ${difference}`);
      }
      pages.push({ server, depth, url, token, child });
    }
  }
  const targets: LoadTarget[] = pages.map((p) => ({
    key: `${p.server} ${p.depth}`,
    url: p.url,
    cpuUs: p.child.cpuUs,
    ...(p.token === undefined ? {} : { token: p.token }),
  }));
  const t1 = Date.now();
  const results = await loadAbba(targets, { seconds, connections, warmup, passes });
  console.error(
    `  ${db} ${list.key}: pages walked and checked in ${((t1 - t0) / 1000).toFixed(1)} s, ${targets.length} targets loaded in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
  );
  const rows: Row[] = [];
  for (const p of pages) {
    const r = results.get(`${p.server} ${p.depth}`)!;
    rows.push({
      db,
      list: list.key,
      depth: p.depth,
      page: p.depth === 'first' ? 'first' : label,
      server: p.server,
      rps: Math.round(r.rps),
      p50: Math.round(r.p50 * 10) / 10,
      p99: r.p99,
      bytes: Buffer.byteLength((await getJson(p.url, p.token)).text),
      vsHandWritten: 0,
      cpuUs: r.cpuUsPerRequest === undefined ? undefined : Math.round(r.cpuUsPerRequest),
      cpuVsHandWritten: undefined,
    });
  }
  for (const r of rows) {
    const base = rows.find(
      (b) => b.server === 'hand-written keyset' && b.depth === r.depth && b.list === r.list,
    );
    r.vsHandWritten = base ? +(r.rps / base.rps).toFixed(3) : 0;
    r.cpuVsHandWritten =
      base?.cpuUs !== undefined && r.cpuUs !== undefined && r.cpuUs > 0
        ? +(base.cpuUs / r.cpuUs).toFixed(3)
        : undefined;
  }
  for (const r of rows) {
    console.error(
      `  ${db} ${list.key} ${r.page} ${r.server}: ${r.rps} req/s (${r.vsHandWritten}×), ${r.cpuUs} µs CPU/req`,
    );
  }
  return rows;
}

async function benchDatabase(db: string, database: string, tmp: string): Promise<Row[]> {
  const t0 = Date.now();
  const s = await startBenchServers(database, sizes);
  try {
    console.error(
      `  ${db}: servers up in ${Math.round((Date.now() - t0) / 1000)} s${db === 'sqlite' ? `; WAL left by seeding: ${s.walBytes} bytes` : ''}`,
    );
    const bodies: string[] = [];
    for (const [i, list] of BENCH_LISTS.entries()) {
      const file = join(tmp, `${db}-body-${i}.json`);
      const first = await getJson(`${s.emulator.url}${list.first(s.ids)}`, s.emulator.apiToken);
      writeFileSync(file, first.text);
      bodies.push(file);
    }
    const servers: Servers = {
      emulator: s.emulator,
      handWritten: s.handWritten,
      library: s.library,
      sealed: s.sealed,
      ceiling: await s.spawn(['ceiling', ...bodies]),
      stringify: await s.spawn(['stringify', ...bodies]),
    };
    const rows: Row[] = [];
    for (const [i, list] of BENCH_LISTS.entries()) {
      if (onlyList !== undefined && list.key !== onlyList) continue;
      rows.push(...(await benchList(db, list, i, s.ids, servers)));
    }
    return rows;
  } finally {
    await s.stop();
  }
}

function printTable(rows: readonly Row[], load: { start: number; end: number }): void {
  console.log(
    `\nbench:server (${quick ? 'quick' : 'full'}; ${connections} connections, ${seconds} s per target in ${passes} slices, ABBA order, loopback; ${cpus().length} CPUs, load average ${load.start} at start, ${load.end} at end)\n`,
  );
  console.log(
    '| db | list | page | server | body bytes | req/s | p50 ms | p99 ms | ÷ hand-written | CPU µs/req | CPU: hand-written ÷ this |',
  );
  console.log('|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const order = (r: Row) =>
    [
      ['sqlite', 'postgres'].indexOf(r.db),
      BENCH_LISTS.findIndex((l) => l.key === r.list),
      r.depth === 'first' ? 0 : 1,
      SERVERS.indexOf(r.server),
    ] as const;
  const sorted = [...rows].sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
  for (const r of sorted) {
    const label = BENCH_LISTS.find((l) => l.key === r.list)?.label ?? r.list;
    console.log(
      `| ${r.db} | ${label} | ${r.page} | ${r.server} | ${r.bytes} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.vsHandWritten.toFixed(2)} | ${r.cpuUs ?? '-'} | ${r.cpuVsHandWritten?.toFixed(2) ?? '-'} |`,
    );
  }
}

function summary(title: string, figures: ReturnType<typeof ratiosTo>, goal: number): void {
  const parts: string[] = [];
  for (const [db, lists] of Object.entries(figures.byDb)) {
    for (const [list, depths] of Object.entries(lists)) {
      parts.push(`${db} ${list} ${depths.first ?? '-'}/${depths.deep ?? '-'}`);
    }
  }
  const met = figures.min !== null && figures.min >= goal;
  console.log(
    `${title} (first/deep): ${parts.join('; ')}\n  min ${figures.min} (goal ≥ ${goal}: ${met ? 'met' : 'not met'})`,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = +(loadavg()[0] ?? 0).toFixed(2);
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
  const loadAverage = { start: loadAtStart, end: +(loadavg()[0] ?? 0).toFixed(2) };
  printTable(rows, loadAverage);
  const libraryVsHandWritten = ratiosTo(rows, 'library', 'hand-written keyset');
  const emulatorVsHandWritten = ratiosTo(rows, 'emulator', 'hand-written keyset');
  const emulatorDeepVsFirst = deepOverFirst(rows, 'emulator');
  const libraryCpu = ratiosTo(rows, 'library', 'hand-written keyset', 'cpu');
  // The bound: the same three token operations on a deep page, written by hand.
  const libraryVsSealed = ratiosTo(rows, 'library', 'hand-written, sealed tokens');
  const sealedVsHandWritten = ratiosTo(rows, 'hand-written, sealed tokens', 'hand-written keyset');
  const emulatorCpu = ratiosTo(rows, 'emulator', 'hand-written keyset', 'cpu');
  console.log(
    '\n÷ hand-written: req/s over the hand-written keyset route on the same page, measured in the same run.\n' +
      "CPU µs/req: CPU time (user + system) of the server's Node process per request answered; it moves far less than req/s when other processes share the cores (on PostgreSQL the database server's own CPU is not in it).\n" +
      'ceiling: the first page precomputed, sent by a bare route (the HTTP stack alone); serialize-only: the same body JSON.stringify-d per request.\n',
  );
  summary('library ÷ hand-written, req/s', libraryVsHandWritten, GOALS.library);
  summary('emulator ÷ hand-written, req/s', emulatorVsHandWritten, GOALS.emulator);
  summary('library, CPU per request: hand-written ÷ library', libraryCpu, GOALS.library);
  summary(
    'hand-written with sealed tokens ÷ hand-written, req/s (what the tokens cost by hand)',
    sealedVsHandWritten,
    GOALS.library,
  );
  summary(
    'library ÷ hand-written with sealed tokens, req/s (the library beside its bound)',
    libraryVsSealed,
    GOALS.library,
  );
  summary('emulator, CPU per request: hand-written ÷ emulator', emulatorCpu, GOALS.emulator);
  console.log(`emulator deep ÷ first: ${JSON.stringify(emulatorDeepVsFirst)}`);
  console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(
    JSON.stringify({
      bench: 'server',
      quick,
      seconds,
      connections,
      loadAverage,
      sizes,
      goals: GOALS,
      rows,
      libraryVsHandWritten,
      emulatorVsHandWritten,
      emulatorDeepVsFirst,
      libraryVsSealed,
      sealedVsHandWritten,
      cpu: { libraryVsHandWritten: libraryCpu, emulatorVsHandWritten: emulatorCpu },
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
