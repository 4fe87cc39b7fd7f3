/**
 * npm run bench:profile [-- --quick] [--postgres] [--list x-timeline] [--deep] [--seconds 8] [--heap]
 *
 * Where a page's CPU time goes, server by server: the hand-written route,
 * the library route (X timeline only) and the emulator serve the same page
 * (by default the X timeline's first page on SQLite) under the same load as
 * bench:server, each with a V8 CPU profile recorded in its own process over
 * the loaded span only (sampling every 100 µs). Each profile's CPU time is
 * split into groups (token crypto, Kysely build + compile, driver, row
 * shaping, serialization, pagewise's engine/style/adapter, the emulator's
 * own code, Fastify, Node's HTTP stack, GC, other; see lib/cpu-profile.ts)
 * and scaled to the process's CPU time per request (process.cpuUsage over
 * the same span), so the table reads in µs of CPU per request even when
 * other processes share the cores. The top functions by self time follow. The `.cpuprofile` files
 * are kept (path printed) for Chrome DevTools or speedscope. Profiling slows
 * the servers: the req/s printed here are not bench:server's figures. With
 * `--heap`, a second loaded span per server records a sampling heap profile
 * (every allocation, collected or not) and prints the top allocating
 * functions in bytes per request: what the GC time is made of.
 * The last line is one JSON object with every figure.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';
import { benchSizes, startBenchServers } from './lib/bench-servers.js';
import {
  type CpuProfile,
  GROUPS,
  type ProfileSummary,
  summarizeProfile,
} from './lib/cpu-profile.js';
import { type HeapProfile, summarizeHeapProfile } from './lib/heap-profile.js';
import { load } from './lib/http-load.js';
import { BENCH_LISTS } from './lib/server-lists.js';
import type { ChildServer } from './lib/spawn-server.js';
import { deepIndex, walkPages } from './lib/walk-pages.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const postgres = argv.includes('--postgres');
const deep = argv.includes('--deep');
const heap = argv.includes('--heap');
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seconds = Number(option('--seconds') ?? (quick ? 4 : 8));
const listKey = option('--list') ?? 'x-timeline';
const connections = 10;
const outDir = resolve('.tmp', 'profiles');

interface Measured {
  readonly server: string;
  readonly requests: number;
  readonly rps: number;
  /** CPU time of the server process per request over the profiled span (process.cpuUsage), µs. */
  readonly cpuUs: number;
  /** Collections by kind over the profiled span: how many per 1,000 requests, and their µs per request. */
  readonly gc: Record<string, { perThousand: number; usPerRequest: number }>;
  readonly file: string;
  readonly summary: ProfileSummary;
  readonly heap?: ReturnType<typeof summarizeHeapProfile> & { readonly requests: number };
}

async function profileServer(
  name: string,
  child: ChildServer,
  url: string,
  token: string,
): Promise<Measured> {
  await load({ key: name, url, token }, connections, { amount: 1000 });
  const file = join(
    outDir,
    `${postgres ? 'postgres' : 'sqlite'}-${listKey}-${deep ? 'deep' : 'first'}-${name.replace(/\s+/g, '-')}.cpuprofile`,
  );
  await child.command('profile-start 100');
  const cpuBefore = await child.cpuUs();
  const gcBefore = await child.gc();
  const started = Date.now();
  const r = await load({ key: name, url, token }, connections, { seconds });
  const elapsed = (Date.now() - started) / 1000;
  const cpuUs = (await child.cpuUs()) - cpuBefore;
  const gcAfter = await child.gc();
  const answer = await child.command(`profile-stop ${file}`);
  if (answer['ok'] !== true) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  if (r.errors > 0) throw new Error(`${name}: ${r.errors} failed requests`);
  const requests = r.total;
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 20);
  console.error(
    `  ${name}: ${Math.round(r.rps)} req/s under the profiler (${elapsed.toFixed(1)} s)`,
  );
  let heapSummary: Measured['heap'];
  if (heap) {
    const heapFile = file.replace(/\.cpuprofile$/, '.heapprofile');
    await child.command('heap-start 16384');
    const h = await load({ key: name, url, token }, connections, { seconds });
    const stopped = await child.command(`heap-stop ${heapFile}`);
    if (stopped['ok'] !== true) throw new Error(`${name}: ${JSON.stringify(stopped)}`);
    const parsed = JSON.parse(readFileSync(heapFile, 'utf8')) as HeapProfile;
    heapSummary = { ...summarizeHeapProfile(parsed, 12), requests: h.total };
  }
  return {
    ...(heapSummary === undefined ? {} : { heap: heapSummary }),
    server: name,
    requests,
    rps: Math.round(r.rps),
    cpuUs: cpuUs / Math.max(1, requests),
    gc: Object.fromEntries(
      Object.entries(gcAfter).map(([kind, t]) => {
        const b = gcBefore[kind] ?? { count: 0, ms: 0 };
        return [
          kind,
          {
            perThousand: ((t.count - b.count) * 1000) / Math.max(1, requests),
            usPerRequest: ((t.ms - b.ms) * 1000) / Math.max(1, requests),
          },
        ];
      }),
    ),
    file,
    summary,
  };
}

/**
 * A group's µs of CPU per request: its share of the profile's busy samples
 * times the process's CPU per request. Samples are taken on a wall clock, so
 * a process that other processes keep off the cores has its samples stretched;
 * the shares survive that, and process.cpuUsage gives the true total.
 */
function perRequest(m: Measured, sampledUs: number): number {
  return m.summary.busyUs > 0 ? (sampledUs / m.summary.busyUs) * m.cpuUs : 0;
}

function printTables(measured: readonly Measured[]): void {
  const per = perRequest;
  console.log(
    `\nbench:profile: CPU µs per request, ${postgres ? 'PostgreSQL' : 'SQLite'}, ${listKey} ${deep ? 'deep' : 'first'} page, ${connections} connections, ${seconds} s each\n`,
  );
  console.log(`| group | ${measured.map((m) => m.server).join(' | ')} |`);
  console.log(`|---|${measured.map(() => '---:').join('|')}|`);
  for (const g of GROUPS) {
    console.log(
      `| ${g} | ${measured.map((m) => per(m, m.summary.groups[g]).toFixed(1)).join(' | ')} |`,
    );
  }
  console.log(
    `| **total CPU** | ${measured.map((m) => `**${m.cpuUs.toFixed(1)}**`).join(' | ')} |`,
  );
  console.log(`| req/s under the profiler | ${measured.map((m) => m.rps).join(' | ')} |`);
  const kinds = [...new Set(measured.flatMap((m) => Object.keys(m.gc)))].sort();
  console.log(
    `| collections per 1,000 requests (µs/req), by kind | ${measured
      .map((m) =>
        kinds
          .map(
            (k) =>
              `${k} ${m.gc[k]?.perThousand.toFixed(1) ?? 0} (${m.gc[k]?.usPerRequest.toFixed(1) ?? 0})`,
          )
          .join(', '),
      )
      .join(' | ')} |`,
  );
  for (const m of measured) {
    console.log(`\nTop functions by self time, ${m.server} (µs per request):\n`);
    console.log('| µs | function | where | group |');
    console.log('|---:|---|---|---|');
    for (const f of m.summary.top) {
      console.log(`| ${per(m, f.us).toFixed(1)} | ${f.name} | ${f.where} | ${f.group} |`);
    }
  }
  for (const m of measured) {
    if (m.heap === undefined) continue;
    const kb = (bytes: number) => (bytes / Math.max(1, m.heap!.requests) / 1024).toFixed(1);
    console.log(
      `\nAllocations, ${m.server}: ${kb(m.heap.totalBytes)} KiB per request (sampled); top allocating functions:\n`,
    );
    console.log('| KiB/req | function | where |');
    console.log('|---:|---|---|');
    for (const site of m.heap.top)
      console.log(`| ${kb(site.bytes)} | ${site.name} | ${site.where} |`);
  }
  console.log(`\nProfiles: ${measured.map((m) => m.file).join(', ')}`);
}

async function main(): Promise<void> {
  const list = BENCH_LISTS.find((l) => l.key === listKey);
  if (list === undefined) throw new Error(`unknown list ${listKey}`);
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'pagewise-bench-profile-'));
  const pg = postgres ? await startEmbeddedPostgres() : undefined;
  const measured: Measured[] = [];
  try {
    const s = await startBenchServers(pg?.url ?? join(tmp, 'emulator.sqlite'), benchSizes(quick));
    try {
      const token = s.emulator.apiToken;
      const path = list.first(s.ids);
      const servers: [string, ChildServer][] = [['hand-written', s.handWritten]];
      if (list.library) servers.push(['library', s.library]);
      servers.push(['emulator', s.emulator]);
      let index = 0;
      if (deep) {
        const pages = await walkPages(`${s.emulator.url}${path}`, token, list.token);
        index = deepIndex(pages.length, list.deep.fraction, list.deep.index);
      }
      for (const [name, child] of servers) {
        const pages = await walkPages(`${child.url}${path}`, token, list.token, index + 1);
        measured.push(await profileServer(name, child, pages[index]!, token));
      }
    } finally {
      await s.stop();
    }
  } finally {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  printTables(measured);
  console.log(
    JSON.stringify({
      bench: 'profile',
      database: postgres ? 'postgres' : 'sqlite',
      list: listKey,
      page: deep ? 'deep' : 'first',
      seconds,
      connections,
      servers: measured.map((m) => ({
        server: m.server,
        requests: m.requests,
        rps: m.rps,
        cpuUsPerRequest: +m.cpuUs.toFixed(1),
        gc: m.gc,
        usPerRequest: Object.fromEntries(
          GROUPS.map((g) => [g, +perRequest(m, m.summary.groups[g]).toFixed(1)]),
        ),
        top: m.summary.top.map((f) => ({ ...f, us: +perRequest(m, f.us).toFixed(2) })),
        ...(m.heap === undefined
          ? {}
          : {
              allocatedKiBPerRequest: +(
                m.heap.totalBytes /
                Math.max(1, m.heap.requests) /
                1024
              ).toFixed(1),
              topAllocations: m.heap.top.map((a) => ({
                ...a,
                kib: +(a.bytes / Math.max(1, m.heap!.requests) / 1024).toFixed(2),
              })),
            }),
      })),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
