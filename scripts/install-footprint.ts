/**
 * What `npm install` costs a user, measured: package count, install time,
 * native build or not, and size on disk of
 *   (a) `pagewise` alone (`--omit=peer`): someone who only reads APIs,
 *   (b) `pagewise` + `kysely` + `better-sqlite3`: serving lists from SQLite,
 *   (c) `@pagewise/emulator`: the app,
 *   (d) the single package before the split (commit 5625cc0), where every
 *       driver and the emulator were hard dependencies.
 * Each is packed (`npm pack`) and installed into an empty project under the
 * temp dir with `npm ci --offline`, from the local npm cache only (see
 * scripts/lib/offline-install.ts), one after the other. Install scripts run
 * as npm runs them by default (better-sqlite3 compiles with node-gyp when
 * no prebuilt binary can be fetched, as here, offline).
 *
 * Run: `npm run footprint` (builds first; about 3 compiles of better-sqlite3,
 * several minutes). The last line printed is one JSON object with the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmPack, type OfflineInstall, offlineInstall, ROOT } from './lib/offline-install.js';

/** The last commit of the single-package layout. */
const PRE_SPLIT = '5625cc0';

const work = mkdtempSync(join(tmpdir(), 'pagewise-footprint-'));
try {
  const packed = join(work, 'packed');
  const library = await npmPack(join(ROOT, 'packages', 'pagewise'), packed);
  const emulator = await npmPack(join(ROOT, 'packages', 'emulator'), packed);
  const preSplit = await packPreSplit(join(work, 'pre-split'), packed);

  const cases: { name: string; install: () => Promise<OfflineInstall> }[] = [
    {
      name: 'pagewise (--omit=peer)',
      install: () => offlineInstall({ dir: join(work, 'a'), tarballs: [library], omitPeer: true }),
    },
    {
      name: 'pagewise + kysely + better-sqlite3',
      install: () =>
        offlineInstall({
          dir: join(work, 'b'),
          tarballs: [library],
          registry: ['kysely', 'better-sqlite3'],
        }),
    },
    {
      name: '@pagewise/emulator',
      install: () => offlineInstall({ dir: join(work, 'c'), tarballs: [emulator, library] }),
    },
    {
      name: `pagewise 0.1.0, before the split (${PRE_SPLIT})`,
      install: () =>
        offlineInstall({
          dir: join(work, 'd'),
          tarballs: [preSplit.tarball],
          lockfile: preSplit.lockfile,
        }),
    },
  ];

  const loadBefore = loadavg()[0]!;
  const rows = [];
  for (const c of cases) {
    const result = await c.install();
    rows.push({
      name: c.name,
      packages: result.packages.length,
      seconds: round(result.seconds),
      cpuSeconds: round(result.cpuSeconds),
      nativeBuild: result.nativeFiles.length > 0,
      diskMB: round(result.diskBytes / 1e6),
    });
  }
  const loadAfter = loadavg()[0]!;

  const header = ['install', 'packages', 'time (wall)', 'time (CPU)', 'native build', 'on disk'];
  const table = rows.map((r) => [
    r.name,
    String(r.packages),
    `${r.seconds.toFixed(1)} s`,
    `${r.cpuSeconds.toFixed(1)} s`,
    r.nativeBuild ? 'yes' : 'no',
    `${r.diskMB.toFixed(1)} MB`,
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const line of table) console.log(`| ${line.join(' | ')} |`);
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}`;
  console.log(
    `\n${machine}; npm ci --offline from the local cache; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
  );
  console.log(
    JSON.stringify({
      bench: 'install-footprint',
      machine,
      loadAverage: { before: round(loadBefore), after: round(loadAfter) },
      rows,
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The pre-split package as it would have been published: its tree at
 * `PRE_SPLIT` (git archive), built with the repository's TypeScript against
 * the repository's node_modules (same versions: the lockfiles agree), packed.
 */
async function packPreSplit(dir: string, destination: string) {
  mkdirSync(dir, { recursive: true });
  execFileSync('bash', [
    '-c',
    `git -C "$1" archive ${PRE_SPLIT} | tar -x -C "$2"`,
    'bash',
    ROOT,
    dir,
  ]);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: dir, stdio: 'inherit' },
  );
  return { tarball: await npmPack(dir, destination), lockfile: join(dir, 'package-lock.json') };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
