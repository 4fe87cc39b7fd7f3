/**
 * Reads a V8 CPU profile (`.cpuprofile`, what `node --cpu-prof` and the
 * inspector's `Profiler.stop` write) and splits a server's CPU time into
 * groups a reader can act on: token crypto, Kysely build and compile, the
 * database driver, row shaping, serialization, Fastify, Node's HTTP stack,
 * garbage collection, and the rest.
 *
 * A frame of known code (a package in node_modules, pagewise's dist, the
 * emulator's dist, the bench's own routes) is grouped by where it lives.
 * A frame without a home of its own (a Node internal, a native such as
 * `createCipheriv` or a better-sqlite3 method) counts for the nearest
 * ancestor that has one: AES-GCM called by pagewise's token codec is token
 * crypto, the same hash called by the emulator's auth is the emulator's.
 */

/** A node of a V8 CPU profile. */
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

/** A V8 CPU profile. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The groups, in the order they are printed. */
export const GROUPS = [
  'token crypto',
  'Kysely build + compile',
  'driver',
  'row shaping',
  'serialization',
  'pagewise engine/style/adapter',
  'emulator (admission, parsing, lookups)',
  'Fastify',
  'Node HTTP/net',
  'GC',
  'other',
] as const;
export type Group = (typeof GROUPS)[number];

/** Natives that are serialization wherever they are called from. */
const SERIALIZING = new Set([
  'stringify',
  'utf8Write',
  'fromStringFast',
  'fromString',
  'byteLength',
]);

/** The group a frame belongs to by its own location, or `undefined` when it inherits its caller's. */
export function ownGroup(functionName: string, url: string): Group | undefined {
  if (functionName === '(garbage collector)') return 'GC';
  if (url === '' && SERIALIZING.has(functionName)) return 'serialization';
  if (url === '') return undefined;
  const u = url.replace(/\\/g, '/');
  const pw = /\/pagewise\/dist\/(.+)$/.exec(u)?.[1];
  if (pw !== undefined) {
    if (pw.startsWith('token/')) return 'token crypto';
    if (pw.startsWith('sources/kysely/sqlite-statement-cache')) return 'driver';
    if (pw.startsWith('sources/')) return 'Kysely build + compile';
    if (pw.startsWith('server/serialize-body')) return 'serialization';
    if (pw.startsWith('styles/wire-time')) return 'row shaping';
    return 'pagewise engine/style/adapter';
  }
  const emu = /\/emulator\/dist\/(.+)$/.exec(u)?.[1];
  if (emu !== undefined) {
    if (/(x-fields|zoom-items|wire-format)\.js$/.test(emu) || emu.includes('wire-time')) {
      return 'row shaping';
    }
    return 'emulator (admission, parsing, lookups)';
  }
  if (u.includes('/bench/hand-written/') || u.includes('/bench/library/')) {
    if (/\/reply\.ts$/.test(u)) return 'serialization';
    if (/\/queries\.ts$/.test(u)) return 'driver';
    return 'row shaping';
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1];
  if (pkg !== undefined) {
    if (pkg === 'kysely') {
      return /\/(driver|dialect|query-executor|plugin)\//.test(u)
        ? 'driver'
        : 'Kysely build + compile';
    }
    if (/^(better-sqlite3|pg|pg-[a-z]+|postgres-[a-z]+|pgpass|bindings)$/.test(pkg))
      return 'driver';
    if (
      /^(fastify|@fastify\/.+|find-my-way|avvio|fast-querystring|fast-json-stringify|ajv.*|light-my-request|fast-uri|safe-regex2|ret|abstract-logging|pino.*|process-warning|rfdc|toad-cache|fast-decode-uri-component)$/.test(
        pkg,
      )
    ) {
      return 'Fastify';
    }
    return 'other';
  }
  return undefined;
}

/** Node internals of the HTTP stack and sockets (the server's, or the driver's when it calls them). */
const NODE_NET =
  /^node:(internal\/)?(_http|http|net|stream|streams|internal\/streams|events|timers|dns|internal\/stream_base)/;

/** Where a node's samples count: its own group, its nearest grouped caller's, or Node's HTTP stack/other. */
function resolveGroups(profile: CpuProfile): Map<number, Group | 'idle'> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<number, Group | 'idle'>();
  const resolve = (id: number): Group | 'idle' => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let g: Group | 'idle';
    if (node === undefined) g = 'other';
    else if (node.callFrame.functionName === '(idle)') g = 'idle';
    else {
      const own = ownGroup(node.callFrame.functionName, node.callFrame.url);
      if (own !== undefined) g = own;
      else {
        const p = parent.get(id);
        const inherited = p === undefined ? undefined : resolve(p);
        if (NODE_NET.test(node.callFrame.url))
          g = inherited === 'driver' ? 'driver' : 'Node HTTP/net';
        else if (inherited !== undefined && inherited !== 'idle') g = inherited;
        else g = 'other';
      }
    }
    out.set(id, g);
    return g;
  };
  for (const n of profile.nodes) resolve(n.id);
  return out;
}

/** Self time of every node in µs (the time up to the next sample counts for a sample's node). */
export function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0;
    const id = samples[i]!;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, dt));
  }
  return self;
}

/** A profile summarised per group and per function. */
export interface ProfileSummary {
  /** CPU time (µs, idle excluded). */
  readonly busyUs: number;
  /** µs of CPU per group. */
  readonly groups: Record<Group, number>;
  /** The functions with the most self time: name, location, group, µs. */
  readonly top: readonly { name: string; where: string; group: Group; us: number }[];
}

/** Splits a profile's CPU time into groups and lists its top `topN` functions by self time. */
export function summarizeProfile(profile: CpuProfile, topN = 15): ProfileSummary {
  const groupOf = resolveGroups(profile);
  const self = selfTimes(profile);
  const groups = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  const perFunction = new Map<string, { name: string; where: string; group: Group; us: number }>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  for (const [id, us] of self) {
    const g = groupOf.get(id) ?? 'other';
    if (g === 'idle') continue;
    busy += us;
    groups[g] += us;
    const f = byId.get(id)!.callFrame;
    const where = f.url === '' ? '(native)' : `${shortUrl(f.url)}:${f.lineNumber + 1}`;
    const key = `${f.functionName} ${where} ${g}`;
    const entry = perFunction.get(key) ?? {
      name: f.functionName || '(anonymous)',
      where,
      group: g,
      us: 0,
    };
    entry.us += us;
    perFunction.set(key, entry);
  }
  const top = [...perFunction.values()].sort((a, b) => b.us - a.us).slice(0, topN);
  return { busyUs: busy, groups, top };
}

/** A URL shortened to the part after node_modules/ or the repository folders. */
export function shortUrl(url: string): string {
  const u = url.replace(/^file:\/\//, '');
  const m = /(?:node_modules\/|packages\/|bench\/)(.*)$/.exec(u);
  return m ? m[0].replace(/^node_modules\//, '') : u;
}
