import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The peers bench:peers compares pagewise with, pinned to a major version
 * each, and the client it walks them with. They are installed on first use
 * into a scratch folder with npm (never project dependencies).
 */
export const PEER_PACKAGES = [
  '@stoplight/prism-cli@5',
  'json-server@0.17',
  'twitter-api-v2@1',
] as const;

/**
 * Installs {@link PEER_PACKAGES} into `dir` (e.g. `.tmp/peers`) unless
 * they are there already, with `npm install --prefix`.
 */
export function installPeers(dir: string): void {
  const bins = ['prism', 'json-server'].map((b) => join(dir, 'node_modules', '.bin', b));
  const client = join(dir, 'node_modules', 'twitter-api-v2', 'package.json');
  if (bins.every((b) => existsSync(b)) && existsSync(client)) return;
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, `${JSON.stringify({ name: 'pagewise-bench-peers', private: true })}\n`);
  }
  process.stderr.write(`installing ${PEER_PACKAGES.join(', ')} into ${dir} (first use)\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', ...PEER_PACKAGES],
    { stdio: 'inherit', timeout: 600_000 },
  );
  if (r.status !== 0) throw new Error(`npm install of the peers failed (exit ${r.status})`);
}

/** A peer server running in a child process. */
export interface PeerServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a package's bin with this Node, waits until `probe` answers below 500, and returns it. */
async function startBin(
  dir: string,
  bin: string,
  args: readonly string[],
  port: number,
  probe: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PeerServer> {
  const entry = realpathSync(join(dir, 'node_modules', '.bin', bin));
  const child: ChildProcess = spawn(process.execPath, [entry, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: dir,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${bin} exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${url}${probe}`, { headers });
      await res.arrayBuffer();
      if (res.status < 500) return { url, pid: child.pid ?? 0, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`${bin} did not answer within ${timeoutMs} ms: ${stderr}`);
}

/** Stoplight Prism mocking an OpenAPI document (static examples, request validation on). */
export async function startPrism(dir: string, spec: string, probe: string): Promise<PeerServer> {
  const port = await freePort();
  return startBin(
    dir,
    'prism',
    ['mock', '-h', '127.0.0.1', '-p', String(port), spec],
    port,
    probe,
    { authorization: 'Bearer probe' },
    180_000,
  );
}

/**
 * json-server 0.17 over `db` (a JSON file), with `routes` (a JSON rewrite
 * map) when given.
 */
export async function startJsonServer(
  dir: string,
  db: string,
  routes: string | undefined,
): Promise<PeerServer> {
  const port = await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--quiet'];
  if (routes !== undefined) args.push('--routes', routes);
  return startBin(dir, 'json-server', [...args, db], port, '/', {}, 60_000);
}

/** CPU time (user + system, µs) a process has used so far, from /proc (Linux); `undefined` elsewhere. */
export function procCpuUs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / CLOCK_TICKS) * 1e6;
  } catch {
    return undefined;
  }
}

/** USER_HZ: Linux reports process times in 1/100 s. */
const CLOCK_TICKS = 100;
