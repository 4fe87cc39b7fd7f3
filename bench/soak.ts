/**
 * npm run soak [-- --seconds 60 --clients 12 --replica-seconds 30]
 *
 * Bounded soak of the emulator on loopback. Phase 1: one emulator (SQLite)
 * with the churn writer and faults on (injected 5xx carry status 597 so they
 * can be told from real ones), many concurrent clients walking every
 * token-paginated endpoint with pagewise's client, bad input mixed in, a
 * rate-limit burst probe, and the server's RSS before and after. Phase 2:
 * two emulator processes on one embedded PostgreSQL sharing their token keys,
 * each client alternating between them page by page. Every walk must return
 * every seeded row exactly once. Exits non-zero when any check fails; the last
 * line is one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FetchLike, GovernorRegistry, paginate } from 'pagewise/client';
import { generateKeySpec } from 'pagewise/token';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';
import { type ChildServer, spawnServer } from './lib/spawn-server.js';

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return v;
}
const SECONDS = flag('seconds', 60);
const CLIENTS = Math.floor(flag('clients', 12));
const REPLICA_SECONDS = flag('replica-seconds', Math.min(30, SECONDS / 2));
const INJECTED = 597;
const SIZES = {
  zoomUsers: 300,
  zoomMeetings: 3000,
  participantsPerMeeting: 2,
  xUsers: 60,
  xTweets: 12_000,
  xFollows: 3000,
};
// Growth of the server's RSS over the soak that still counts as "no leak".
const RSS_BOUND_MIB = 64;

interface Walk {
  readonly name: string;
  readonly path: string;
  readonly preset: 'zoom' | 'x';
  readonly expected: string; // query of /__admin/dataset/ids
  readonly key: (item: Record<string, unknown>) => string;
}

interface Tally {
  requests: number;
  byStatus: Record<string, number>;
  networkErrors: number;
  walks: number;
  walksCorrect: number;
  walkFailures: string[];
  lost: number;
  duplicated: number;
  badInput: number;
  badInput5xx: number;
  unexpected5xx: number;
}

const newTally = (): Tally => ({
  requests: 0,
  byStatus: {},
  networkErrors: 0,
  walks: 0,
  walksCorrect: 0,
  walkFailures: [],
  lost: 0,
  duplicated: 0,
  badInput: 0,
  badInput5xx: 0,
  unexpected5xx: 0,
});

async function admin(
  s: ChildServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** A fetch that counts every answer and, with two servers, alternates between them. */
function countingFetch(t: Tally, origins: readonly string[]): FetchLike {
  let turn = 0;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const origin = origins[turn++ % origins.length]!;
    const target = `${origin}${url.pathname}${url.search}`;
    t.requests++;
    try {
      const res = await fetch(target, init);
      t.byStatus[res.status] = (t.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500 && res.status !== INJECTED) t.unexpected5xx++;
      return res;
    } catch (err) {
      t.networkErrors++;
      throw err;
    }
  }) as FetchLike;
}

async function walks(s: ChildServer): Promise<Walk[]> {
  const ds = (await admin(s, 'GET', '/__admin/dataset')) as {
    owner: { zoomUserId: string; xUserId: string };
    samples: { zoomPastMeetingUuids: string[]; xTopAuthors: { id: string }[] };
  };
  const uuid = ds.samples.zoomPastMeetingUuids[0] ?? '';
  const author = ds.samples.xTopAuthors[0]?.id ?? ds.owner.xUserId;
  const meetingId = (await admin(
    s,
    'GET',
    '/__admin/dataset/ids?list=zoom.user_meetings&user_id=' + ds.owner.zoomUserId,
  )) as { ids: string[] };
  void meetingId;
  const enc = encodeURIComponent(encodeURIComponent(uuid));
  return [
    {
      name: 'zoom users',
      path: '/v2/users?page_size=37',
      preset: 'zoom',
      expected: 'list=zoom.users&origin=0',
      key: (i) => String(i['id']),
    },
    {
      name: 'zoom user meetings',
      path: `/v2/users/${ds.owner.zoomUserId}/meetings?page_size=7&type=previous_meetings`,
      preset: 'zoom',
      expected: `list=zoom.user_meetings&origin=0&user_id=${ds.owner.zoomUserId}`,
      key: (i) => String(i['id']),
    },
    {
      name: 'zoom participants',
      path: `/v2/past_meetings/${enc}/participants?page_size=3`,
      preset: 'zoom',
      expected: '',
      key: (i) => String(i['id']),
    },
    {
      name: 'x tweets',
      path: `/2/users/${author}/tweets?max_results=23`,
      preset: 'x',
      expected: `list=x.user_tweets&origin=0&user_id=${author}`,
      key: (i) => String(i['id']),
    },
    {
      name: 'x followers',
      path: `/2/users/${author}/followers?max_results=17`,
      preset: 'x',
      expected: `list=x.followers&origin=0&user_id=${author}`,
      key: (i) => String(i['id']),
    },
    {
      name: 'x following',
      path: `/2/users/${author}/following?max_results=17`,
      preset: 'x',
      expected: `list=x.following&origin=0&user_id=${author}`,
      key: (i) => String(i['id']),
    },
  ];
}

const BAD_INPUTS = [
  '/2/users/me/tweets?max_results=0',
  '/2/users/1/tweets?max_results=abc',
  '/2/users/1/tweets?pagination_token=garbage',
  '/2/users/1/followers?max_results=1001',
  '/2/tweets/search/recent',
  '/2/tweets/search/recent?query=a%20has:media',
  '/v2/users?page_size=-1',
  '/v2/users?next_page_token=%00%01',
  '/v2/users/nobody/meetings',
  '/v2/metrics/meetings?from=2024-13-01&to=2024-01-01',
  `/v2/users?page_size=${'9'.repeat(40)}`,
  `/2/users/1/tweets?pagination_token=${'A'.repeat(5000)}`,
];

async function runWalk(
  w: Walk,
  s: ChildServer,
  origins: readonly string[],
  t: Tally,
  signal: AbortSignal,
  governors: GovernorRegistry,
): Promise<void> {
  const seen = new Map<string, number>();
  const items = paginate<Record<string, unknown>>(
    { url: `${origins[0]}${w.path}`, headers: { authorization: `Bearer ${s.apiToken}` } },
    {
      preset: w.preset,
      fetch: countingFetch(t, origins),
      signal,
      governors,
      maxWaitMs: 30_000,
      retry: { attempts: 12, baseDelayMs: 20, maxDelayMs: 500 },
    },
  );
  for await (const item of items) {
    const k = w.key(item);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  t.walks++;
  const dup = [...seen.values()].filter((n) => n > 1).length;
  let lost = 0;
  if (w.expected) {
    const { ids } = (await admin(s, 'GET', `/__admin/dataset/ids?${w.expected}`)) as {
      ids: string[];
    };
    lost = ids.filter((id) => !seen.has(id)).length;
  }
  t.duplicated += dup;
  t.lost += lost;
  if (dup === 0 && lost === 0) t.walksCorrect++;
  else t.walkFailures.push(`${w.name}: ${lost} lost, ${dup} duplicated`);
}

async function soakPhase(label: string, servers: ChildServer[], seconds: number): Promise<Tally> {
  const t = newTally();
  const main = servers[0]!;
  const origins = servers.map((s) => s.url);
  const plan = await walks(main);
  const deadline = Date.now() + seconds * 1000;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), seconds * 1000 + 30_000);
  const governors = new GovernorRegistry();
  const worker = async (n: number) => {
    let i = n;
    while (Date.now() < deadline) {
      const w = plan[i++ % plan.length]!;
      try {
        await runWalk(w, main, origins, t, stop.signal, governors);
      } catch (err) {
        if (stop.signal.aborted) return;
        t.walks++;
        t.walkFailures.push(`${w.name}: ${(err as Error).message.slice(0, 200)}`);
      }
      // Bad input between walks: always a 4xx (or an injected fault), never a real 5xx.
      const bad = BAD_INPUTS[i % BAD_INPUTS.length]!;
      try {
        const res = await fetch(`${origins[i % origins.length]}${bad}`, {
          headers: { authorization: `Bearer ${main.apiToken}` },
        });
        await res.arrayBuffer();
        t.badInput++;
        if (res.status >= 500 && res.status !== INJECTED) t.badInput5xx++;
      } catch {
        t.networkErrors++; // an injected connection reset
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => worker(n)));
  clearTimeout(timer);
  process.stderr.write(`  ${label}: ${t.walks} walks, ${t.requests} requests\n`);
  return t;
}

/** Fires `limit + extra` concurrent requests at one endpoint for a fresh principal: at most `limit` may pass. */
async function burstProbe(
  s: ChildServer,
): Promise<{ limit: number; sent: number; served: number }> {
  const p = (await admin(s, 'POST', '/__admin/principals', { name: `probe-${Date.now()}` })) as {
    token: string;
    xUserId: string;
  };
  const url = `${s.url}/2/users/${p.xUserId}/followers?max_results=5`;
  const first = await fetch(url, { headers: { authorization: `Bearer ${p.token}` } });
  await first.arrayBuffer();
  const limit = Number(first.headers.get('x-rate-limit-limit'));
  const sent = limit + 40;
  const answers = await Promise.all(
    Array.from({ length: sent - 1 }, async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${p.token}` } });
      await r.arrayBuffer();
      return r.status;
    }),
  );
  // Requests may straddle a window boundary; count the served ones within the first request's window only when no reset passed.
  return { limit, sent, served: 1 + answers.filter((st) => st === 200).length };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'pagewise-soak-'));
  const keys = generateKeySpec('soak');
  const faults = {
    errorRate: 0.05,
    errorStatus: INJECTED,
    resetRate: 0.02,
    latencyMs: 1,
    jitterMs: 4,
    rateLimitBurst: 5,
  };
  const churn = { insertsPerSec: 40, deletesPerSec: 20, updatesPerSec: 40 };
  const emuOptions = { tokenKeys: keys, rateLimit: 'scaled', rateLimitScale: 60 };
  const report: Record<string, unknown> = {
    seconds: SECONDS,
    clients: CLIENTS,
    sizes: SIZES,
    faults,
    churn,
  };
  let ok = true;
  try {
    // Phase 1: one emulator on SQLite.
    const s = await spawnServer([
      'emulator',
      join(tmp, 'soak.sqlite'),
      JSON.stringify(SIZES),
      JSON.stringify(emuOptions),
    ]);
    try {
      const probe = await burstProbe(s);
      await admin(s, 'PUT', '/__admin/faults', faults);
      await admin(s, 'PUT', '/__admin/churn', churn);
      const rssBefore = rssMiB(s.pid);
      const t = await soakPhase('single (SQLite)', [s], SECONDS);
      await admin(s, 'PUT', '/__admin/churn', {});
      await admin(s, 'PUT', '/__admin/faults', {});
      const rssAfter = rssMiB(s.pid);
      const growth = rssAfter - rssBefore;
      report['single'] = {
        ...t,
        walkFailures: t.walkFailures.slice(0, 20),
        rssBeforeMiB: +rssBefore.toFixed(1),
        rssAfterMiB: +rssAfter.toFixed(1),
        rssBoundMiB: RSS_BOUND_MIB,
        probe,
      };
      ok &&=
        t.walks > 0 &&
        t.walksCorrect === t.walks &&
        t.unexpected5xx === 0 &&
        t.badInput5xx === 0 &&
        growth <= RSS_BOUND_MIB &&
        probe.served <= probe.limit;
    } finally {
      await s.stop();
    }
    // Phase 2: two replicas on one PostgreSQL, clients alternating between them.
    const pg = await startEmbeddedPostgres();
    try {
      const a = await spawnServer([
        'emulator',
        pg.url,
        JSON.stringify(SIZES),
        JSON.stringify({ ...emuOptions, rateLimit: 'off' }),
      ]);
      const b = await spawnServer([
        'emulator',
        pg.url,
        JSON.stringify(SIZES),
        JSON.stringify({ ...emuOptions, rateLimit: 'off' }),
      ]);
      try {
        await admin(a, 'PUT', '/__admin/churn', churn);
        const t = await soakPhase('two replicas (PostgreSQL)', [a, b], REPLICA_SECONDS);
        await admin(a, 'PUT', '/__admin/churn', {});
        report['replicas'] = { ...t, walkFailures: t.walkFailures.slice(0, 20) };
        ok &&=
          t.walks > 0 && t.walksCorrect === t.walks && t.unexpected5xx === 0 && t.badInput5xx === 0;
      } finally {
        await a.stop();
        await b.stop();
      }
    } finally {
      await pg.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const line = (k: string) => {
    const t = report[k] as
      | (Tally & {
          rssBeforeMiB?: number;
          rssAfterMiB?: number;
          probe?: { limit: number; sent: number; served: number };
        })
      | undefined;
    if (!t) return;
    console.log(
      `| ${k} | ${t.walks} | ${t.walksCorrect} | ${t.lost} | ${t.duplicated} | ${t.requests} | ${JSON.stringify(t.byStatus)} | ${t.networkErrors} | ${t.badInput} | ${t.unexpected5xx + t.badInput5xx} | ${t.rssBeforeMiB ?? ''}→${t.rssAfterMiB ?? ''} | ${t.probe ? `${t.probe.served}/${t.probe.limit} of ${t.probe.sent}` : ''} |`,
    );
  };
  console.log(
    `\nsoak: ${SECONDS} s single + ${REPLICA_SECONDS} s replicas, ${CLIENTS} clients, faults ${JSON.stringify(faults)}, churn ${JSON.stringify(churn)}\n`,
  );
  console.log(
    '| phase | walks | correct | rows lost | rows duplicated | requests | statuses | resets seen | bad inputs | real 5xx | server RSS MiB | rate-limit burst served/limit |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|');
  line('single');
  line('replicas');
  console.log(`\nresult: ${ok ? 'PASS' : 'FAIL'}`);
  console.log(JSON.stringify({ bench: 'soak', ok, ...report }));
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
