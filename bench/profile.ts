/**
 * npm run bench:profile [-- --quick] [--postgres] [--list x-timeline] [--deep] [--seconds 8]
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
 * the servers: the req/s printed here are not bench:server's figures.
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
import { load } from './lib/http-load.js';
import { BENCH_LISTS } from './lib/server-lists.js';
import type { ChildServer } from './lib/spawn-server.js';
import { deepIndex, walkPages } from './lib/walk-pages.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const postgres = argv.includes('--postgres');
const deep = argv.includes('--deep');
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
  readonly file: string;
  readonly summary: ProfileSummary;
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
  const started = Date.now();
  const r = await load({ key: name, url, token }, connections, { seconds });
  const elapsed = (Date.now() - started) / 1000;
  const cpuUs = (await child.cpuUs()) - cpuBefore;
  const answer = await child.command(`profile-stop ${file}`);
  if (answer['ok'] !== true) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  if (r.errors > 0) throw new Error(`${name}: ${r.errors} failed requests`);
  const requests = r.total;
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 20);
  console.error(
    `  ${name}: ${Math.round(r.rps)} req/s under the profiler (${elapsed.toFixed(1)} s)`,
  );
  return {
    server: name,
    requests,
    rps: Math.round(r.rps),
    cpuUs: cpuUs / Math.max(1, requests),
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
  for (const m of measured) {
    console.log(`\nTop functions by self time, ${m.server} (µs per request):\n`);
    console.log('| µs | function | where | group |');
    console.log('|---:|---|---|---|');
    for (const f of m.summary.top) {
      console.log(`| ${per(m, f.us).toFixed(1)} | ${f.name} | ${f.where} | ${f.group} |`);
    }
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
        usPerRequest: Object.fromEntries(
          [
            ...GROUPS.map((g) => [g, m.summary.groups[g]] as const),
            ['total', m.summary.busyUs] as const,
          ].map(([g, us]) => [g, +(us / Math.max(1, m.requests)).toFixed(1)]),
        ),
        top: m.summary.top.map((f) => ({ ...f, us: +(f.us / Math.max(1, m.requests)).toFixed(2) })),
      })),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
