/**
 * Child process for the server benches: serves one of
 *
 * - `emulator`: the built `@pagewise/emulator` on an SQLite file or a
 *   PostgreSQL URL, seeded with `sizes` (its clock pinned to the dataset's
 *   anchor when `optionsJson` says `"pinClock": true`);
 * - `hand-written`: the routes a user writes by hand (bench/hand-written/),
 *   over the emulator's database, with the clock at `nowMs`;
 * - `library`: the X timeline through pagewise's public API (bench/library/);
 * - `sealed`: the hand-written X timeline with pagewise's sealed page tokens
 *   (bench/hand-written/x-timeline-sealed.ts), the library route's bound;
 * - `ceiling`: bare routes `GET /body/<i>` returning precomputed bodies;
 * - `stringify`: the same bodies kept as objects and `JSON.stringify`-d on
 *   every request (what writing the JSON alone costs);
 *
 * on loopback. It prints one JSON line `{ url, apiToken, adminToken }` on
 * stdout, then answers commands read from stdin, one per line, each with one
 * JSON line: `cpu` (the CPU time this process has used, user + system, in
 * µs), `gc` (garbage collections so far by kind: count and ms), `profile-start <intervalUs>` and `profile-stop <file>` (a V8
 * CPU profile of just that span, through the inspector: what `node
 * --cpu-prof` records, without the startup), `heap-start <intervalBytes>` and
 * `heap-stop <file>` (a sampling heap profile of every allocation, collected
 * or not). It exits when stdin closes. A
 * separate process keeps the load generator and the server from sharing one
 * event loop.
 *
 * usage: node --import tsx bench/lib/server-child.ts emulator <database> <sizesJson> [<optionsJson>]
 *        node --import tsx bench/lib/server-child.ts hand-written|library|sealed <database> <nowMs>
 *        node --import tsx bench/lib/server-child.ts ceiling|stringify <bodyFile>...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Fastify from 'fastify';

/** The bearer token every bench server accepts. */
const API_TOKEN = 'bench-api-token';

// The emulator and the library are the built packages, imported by name as
// `npm start` runs them (npm runs `build` before the benches that spawn this
// child): tsx's transpiled sources keep function names with a helper call on
// every inner closure, a cost users never pay.
const [mode, ...args] = process.argv.slice(2);

interface Served {
  url: string;
  close(): Promise<void>;
  apiToken?: string;
  adminToken?: string;
}

async function main(): Promise<Served> {
  if (mode === 'ceiling' || mode === 'stringify') {
    const app = Fastify({ logger: false });
    args.forEach((file, i) => {
      const body = readFileSync(file, 'utf8');
      const parsed: unknown = JSON.parse(body);
      app.get(`/body/${i}`, async (_req, reply) =>
        reply
          .header('content-type', 'application/json; charset=utf-8')
          .send(mode === 'ceiling' ? body : JSON.stringify(parsed)),
      );
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url, close: () => app.close() };
  }
  if (mode === 'hand-written' || mode === 'library' || mode === 'sealed') {
    const [database, nowMs] = args;
    const pinned = Number(nowMs);
    // Each mode loads only its own code (a hand-written server never loads pagewise).
    const app =
      mode === 'library'
        ? (await import('../library/x-timeline-app.js')).libraryApp({
            database: String(database),
            apiToken: API_TOKEN,
          })
        : mode === 'sealed'
          ? (await import('../hand-written/x-timeline-sealed.js')).sealedTimelineApp({
              database: String(database),
              apiToken: API_TOKEN,
            })
          : (await import('../hand-written/app.js')).handWrittenApp({
              database: String(database),
              apiToken: API_TOKEN,
              now: () => pinned,
            });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url, apiToken: API_TOKEN, close: () => app.close() };
  }
  const [database, sizes, extra] = args;
  const { pinClock, ...options } = (extra ? JSON.parse(extra) : {}) as Record<string, unknown>;
  const anchor = '2026-01-01';
  const anchorMs = Date.parse(anchor);
  const { startEmulator } = await import('@pagewise/emulator');
  return startEmulator({
    port: 0,
    database: String(database),
    rateLimit: 'off',
    logger: false,
    print: () => {},
    sizes: JSON.parse(String(sizes)),
    seed: 'bench',
    anchor,
    apiToken: API_TOKEN,
    adminToken: 'bench-admin-token',
    ...(pinClock === true ? { now: () => anchorMs } : {}),
    ...options,
  });
}

/** Garbage collections so far, by kind (`minor` scavenges, `major` mark-sweep-compact, …): count and ms. */
const gcTotals: Record<string, { count: number; ms: number }> = {};
const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const detail = (e as PerformanceEntry & { detail?: { kind?: number } }).detail;
    const kind = GC_KINDS[detail?.kind ?? -1] ?? 'other';
    const t = gcTotals[kind] ?? { count: 0, ms: 0 };
    t.count++;
    t.ms += e.duration;
    gcTotals[kind] = t;
  }
}).observe({ entryTypes: ['gc'] });

/** Starts and stops CPU profiles on request. */
function profiler(): (line: string) => Promise<unknown> {
  let session: Session | undefined;
  return async (line) => {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === 'cpu') {
      const { user, system } = process.cpuUsage();
      return { ok: true, us: user + system };
    }
    if (command === 'gc') return { ok: true, gc: { ...gcTotals } };
    if (command === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: Number(arg ?? 100) });
      await session.post('Profiler.start');
      return { ok: true };
    }
    if (command === 'heap-start') {
      session = new Session();
      session.connect();
      await session.post('HeapProfiler.enable');
      // Every sampled allocation, also those already collected: what the GC has to clean up.
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: Number(arg ?? 16384),
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return { ok: true };
    }
    if (command === 'heap-stop' && session !== undefined && arg !== undefined) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(arg, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
      return { ok: true, file: arg };
    }
    if (command === 'profile-stop' && session !== undefined && arg !== undefined) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(arg, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
      return { ok: true, file: arg };
    }
    return { ok: false, error: `unknown command: ${line}` };
  };
}

main().then(
  (s) => {
    process.stdout.write(
      `${JSON.stringify({ url: s.url, apiToken: s.apiToken, adminToken: s.adminToken })}\n`,
    );
    const handle = profiler();
    const rl = createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      handle(line).then(
        (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
        (err: unknown) =>
          process.stdout.write(`${JSON.stringify({ ok: false, error: String(err) })}\n`),
      );
    });
    rl.on('close', () => {
      s.close().finally(() => process.exit(0));
    });
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
