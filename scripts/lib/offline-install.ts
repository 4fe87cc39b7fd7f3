import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** One entry of a package-lock.json v3 `packages` map. */
interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: string | Record<string, string>;
  [field: string]: unknown;
}

/** What to install into a fresh project. */
export interface OfflineInstallOptions {
  /** The project directory; created, must not hold a project yet. */
  readonly dir: string;
  /** Packed tarballs (`npm pack`) to install, e.g. the pagewise library. */
  readonly tarballs: readonly string[];
  /** Registry packages to add beside them, at the versions `lockfile` holds (e.g. peers). */
  readonly registry?: readonly string[];
  /**
   * The lockfile whose versions are installed; a tarball's dependencies are
   * resolved from where its workspace (or, for a single-package repository,
   * its root) sits in it. @default the repository's package-lock.json
   */
  readonly lockfile?: string;
  /** `--omit=peer`. @default false */
  readonly omitPeer?: boolean;
  /** Kill npm after this long. @default 600_000 */
  readonly timeoutMs?: number;
}

/** What an install left behind. */
export interface OfflineInstall {
  /** Installed packages (`name@version`), sorted. */
  readonly packages: readonly string[];
  /** Wall time of `npm ci`, seconds. */
  readonly seconds: number;
  /** CPU time (user + system) of `npm ci` and everything it ran, seconds. */
  readonly cpuSeconds: number;
  /** Native files built or fetched: `.node` binaries and `build/` directories, relative. */
  readonly nativeFiles: readonly string[];
  /** `node_modules` size on disk (allocated blocks), bytes. */
  readonly diskBytes: number;
  /** npm's output (install scripts in the foreground). */
  readonly log: string;
}

/**
 * Installs packed tarballs into an empty project with `npm ci --offline`:
 * from the local npm cache only, never the network.
 *
 * Why a lockfile is written first: `npm ci` (what CI runs) fills the cache
 * with tarballs and *abbreviated* registry metadata, while npm 11 resolves
 * a new dependency from the *full* metadata, so a plain
 * `npm install --offline pagewise.tgz` fails with ENOTCACHED on a clean
 * machine. Written from the repository's lockfile, the project's lockfile
 * pins every package to the version and integrity the repository already
 * installs, and `npm ci` then needs only what the cache holds.
 */
export async function offlineInstall(options: OfflineInstallOptions): Promise<OfflineInstall> {
  const lock = JSON.parse(
    readFileSync(options.lockfile ?? join(ROOT, 'package-lock.json'), 'utf8'),
  ) as { packages: Record<string, LockEntry> };
  mkdirSync(options.dir, { recursive: true });

  const tarballs = options.tarballs.map((path) => {
    const file = basename(path);
    copyFileSync(path, join(options.dir, file));
    const manifest = JSON.parse(
      tarText(join(options.dir, file), 'package/package.json'),
    ) as LockEntry & { name: string; version: string };
    const integrity = `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
    return { file, manifest, integrity };
  });
  const byName = new Map(tarballs.map((t) => [t.manifest.name, t]));

  const entries = new Map<string, LockEntry>(); // project location -> lock entry
  const required = new Set<string>();
  const visit = (from: string, name: string, isRequired: boolean): void => {
    const tarball = byName.get(name);
    if (tarball !== undefined) {
      place(`node_modules/${name}`, sourceOf(lock, name), tarballEntry(tarball), isRequired);
      return;
    }
    const at = resolveIn(lock, from, name);
    if (at === undefined) {
      if (isRequired)
        throw new Error(`${name}, needed by ${from || 'the root'}, is not in the lockfile`);
      return; // an optional dependency of another platform
    }
    const entry = lock.packages[at]!;
    if (entry.link) throw new Error(`${name} is a workspace: pass its packed tarball`);
    place(projectPath(lock, at), at, entry, isRequired);
  };
  const place = (target: string, source: string, entry: LockEntry, isRequired: boolean) => {
    const known = entries.has(target);
    if (known && (!isRequired || required.has(target))) return;
    if (isRequired) required.add(target);
    entries.set(target, clean(entry));
    for (const [name, optional] of edges(entry)) visit(source, name, isRequired && !optional);
  };

  const rootDeps: Record<string, string> = {};
  for (const t of tarballs) {
    rootDeps[t.manifest.name] = `file:${t.file}`;
    visit('', t.manifest.name, true);
  }
  for (const name of options.registry ?? []) {
    const at = resolveIn(lock, '', name);
    const version = at === undefined ? undefined : lock.packages[at]?.version;
    if (version === undefined) throw new Error(`${name} is not in the lockfile`);
    rootDeps[name] = version;
    visit('', name, true);
  }

  const project = {
    name: 'pagewise-install-check',
    private: true,
    type: 'module',
    dependencies: rootDeps,
  };
  const packages: Record<string, LockEntry> = {
    '': { name: project.name, dependencies: rootDeps },
  };
  for (const [path, entry] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    packages[path] = required.has(path) ? entry : { ...entry, optional: true };
  }
  writeFileSync(join(options.dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(
    join(options.dir, 'package-lock.json'),
    `${JSON.stringify({ name: project.name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );

  const args = ['ci', '--offline', '--no-audit', '--no-fund', '--foreground-scripts'];
  if (options.omitPeer) args.push('--omit=peer');
  const started = performance.now();
  // Through bash for its `times` builtin: the CPU time of npm and of the builds it waited
  // for, a figure a busy shared machine stretches far less than the wall time.
  const { stdout, stderr } = await run(
    'bash',
    ['-c', 'npm "$@"; status=$?; times >&2; exit $status', 'bash', ...args],
    { cwd: options.dir, env: npmEnv(), timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  const lines = stderr.trimEnd().split('\n');
  const cpuSeconds = (lines.at(-1) ?? '')
    .split(' ')
    .map((t) => /^(\d+)m([\d.]+)s$/.exec(t))
    .reduce((sum, m) => sum + (m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN), 0);
  const modules = join(options.dir, 'node_modules');
  return {
    packages: installedPackages(modules),
    seconds,
    cpuSeconds,
    nativeFiles: nativeFiles(modules),
    diskBytes: diskUsage(modules),
    log: `${stdout}\n${lines.slice(0, -2).join('\n')}`,
  };
}

/** `npm pack`s the package in `dir` into `destination`; returns the tarball's path. */
export async function npmPack(dir: string, destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: dir,
    env: npmEnv(),
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error(`npm pack in ${dir} printed no package`);
  return join(destination, packed.filename);
}

// npm run exports its own settings (workspace, prefix, …) as npm_* variables;
// a nested npm must not inherit them. NPM_CONFIG_* set by the user (a CI
// cache location, say) are upper case and stay.
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
}

function tarText(tarball: string, member: string): string {
  // Node has no tar reader; the system tar is on every CI image npm runs on.
  return execFileSync('tar', ['-xzOf', tarball, member], { encoding: 'utf8' });
}

/** The lock location a tarball's package had in the repository (its workspace or the root). */
function sourceOf(lock: { packages: Record<string, LockEntry> }, name: string): string {
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') && entry.name === name) return path;
  }
  const link = lock.packages[`node_modules/${name}`];
  if (link?.link && typeof link.resolved === 'string') return link.resolved;
  throw new Error(`${name} is neither the root nor a workspace of the lockfile`);
}

/** Node's lookup: `from/node_modules/name`, then each enclosing node_modules, then the root's. */
function resolveIn(
  lock: { packages: Record<string, LockEntry> },
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Where a repository lock location lands in the project: a workspace's own node_modules becomes its package's. */
function projectPath(lock: { packages: Record<string, LockEntry> }, at: string): string {
  if (at.startsWith('node_modules/')) return at;
  const cut = at.indexOf('/node_modules/');
  if (cut === -1) throw new Error(`cannot place ${at}`);
  const workspace = at.slice(0, cut);
  const name = lock.packages[workspace]?.name ?? basename(workspace);
  return `node_modules/${name}${at.slice(cut)}`;
}

/** Dependency edges of an entry: `[name, optional]`. Optional peers are the user's choice, not followed. */
function edges(entry: LockEntry): [string, boolean][] {
  const out: [string, boolean][] = [];
  for (const name of Object.keys(entry.dependencies ?? {})) out.push([name, false]);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) out.push([name, true]);
  for (const name of Object.keys(entry.peerDependencies ?? {})) {
    if (!entry.peerDependenciesMeta?.[name]?.optional) out.push([name, false]);
  }
  return out;
}

/** A lock entry without the flags that described its place in the repository's tree. */
function clean(entry: LockEntry): LockEntry {
  const { dev: _d, devOptional: _o, optional: _p, peer: _e, extraneous: _x, ...rest } = entry;
  return rest;
}

function tarballEntry(t: {
  file: string;
  manifest: LockEntry & { name: string; version: string };
  integrity: string;
}): LockEntry {
  const m = t.manifest;
  const bin =
    typeof m.bin === 'string'
      ? { [m.name.split('/').pop()!]: m.bin }
      : m.bin === undefined
        ? undefined
        : m.bin;
  const strip = (path: string) => path.replace(/^\.\//, '');
  return {
    version: m.version,
    resolved: `file:${t.file}`,
    integrity: t.integrity,
    ...(m['license'] === undefined ? {} : { license: m['license'] }),
    ...(m.dependencies ? { dependencies: m.dependencies } : {}),
    ...(m.optionalDependencies ? { optionalDependencies: m.optionalDependencies } : {}),
    ...(bin ? { bin: Object.fromEntries(Object.entries(bin).map(([k, v]) => [k, strip(v)])) } : {}),
    ...(m['engines'] === undefined ? {} : { engines: m['engines'] }),
    ...(m.peerDependencies ? { peerDependencies: m.peerDependencies } : {}),
    ...(m.peerDependenciesMeta ? { peerDependenciesMeta: m.peerDependenciesMeta } : {}),
  };
}

/** Every package folder under `modules` (scoped and nested), as `name@version`. */
export function installedPackages(modules: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of safeReaddir(dir)) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        for (const scoped of safeReaddir(path)) addPackage(join(path, scoped), `${name}/${scoped}`);
      } else addPackage(path, name);
    }
  };
  const addPackage = (path: string, name: string): void => {
    if (!lstatSync(path).isDirectory()) return;
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
      version: string;
    };
    found.push(`${name}@${manifest.version}`);
    walk(join(path, 'node_modules'));
  };
  walk(modules);
  return found.sort();
}

/**
 * Traces of a native build under `modules`, relative to it: `.node` binaries
 * and node-gyp `build/` folders (those holding a `config.gypi` or `Makefile`).
 */
export function nativeFiles(modules: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of safeReaddir(dir, true)) {
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        const path = join(dir, entry.name);
        if (
          entry.name === 'build' &&
          safeReaddir(path).some((n) => /^(config\.gypi|Makefile)$/.test(n))
        )
          found.push(`${relPath}/`);
        walk(path, relPath);
      } else if (entry.name.endsWith('.node')) found.push(relPath);
    }
  };
  walk(modules, '');
  return found.sort();
}

/** Allocated size of every file under `dir` (what `du` reports), bytes. */
export function diskUsage(dir: string): number {
  let total = 0;
  for (const entry of safeReaddir(dir, true)) {
    const path = join(dir, entry.name);
    const stat = lstatSync(path);
    total += stat.blocks * 512;
    if (entry.isDirectory()) total += diskUsage(path);
  }
  return total;
}

function safeReaddir(dir: string): string[];
function safeReaddir(dir: string, withTypes: true): import('node:fs').Dirent[];
function safeReaddir(dir: string, withTypes?: true): string[] | import('node:fs').Dirent[] {
  try {
    return withTypes ? readdirSync(dir, { withFileTypes: true }) : readdirSync(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
}
