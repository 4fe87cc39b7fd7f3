import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server running in a child process (see server-child.ts). */
export interface ChildServer {
  readonly url: string;
  readonly apiToken: string;
  readonly adminToken: string;
  readonly pid: number;
  /** Sends one command line (see server-child.ts) and returns its JSON answer. */
  command(line: string): Promise<Record<string, unknown>>;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpuUs(): Promise<number>;
  /** Garbage collections the server process has run so far, by kind: count and ms. */
  gc(): Promise<Record<string, { count: number; ms: number }>>;
  stop(): Promise<void>;
}

/** Starts bench/lib/server-child.ts with `args` and waits for its JSON ready line. */
export async function spawnServer(
  args: readonly string[],
  timeoutMs = 180_000,
): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./server-child.ts', import.meta.url).pathname, ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (l) => {
    const w = waiters.shift();
    if (w) w(l);
    else lines.push(l);
  });
  const nextLine = (ms: number, what: string) =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`server child: no ${what} in time`)), ms);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`server child exited with code ${code}`));
      };
      child.once('exit', onExit);
      waiters.push((l) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(l);
      });
    });
  const info = JSON.parse(await nextLine(timeoutMs, 'ready line')) as {
    url: string;
    apiToken?: string;
    adminToken?: string;
  };
  const command = async (line: string) => {
    child.stdin!.write(`${line}\n`);
    return JSON.parse(await nextLine(60_000, `answer to ${line}`)) as Record<string, unknown>;
  };
  return {
    url: info.url,
    apiToken: info.apiToken ?? '',
    adminToken: info.adminToken ?? '',
    pid: child.pid ?? 0,
    command,
    cpuUs: async () => Number((await command('cpu'))['us']),
    gc: async () => (await command('gc'))['gc'] as Record<string, { count: number; ms: number }>,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin!.end();
      }),
  };
}
