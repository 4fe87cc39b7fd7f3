import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server running in a child process (see server-child.ts). */
export interface ChildServer {
  readonly url: string;
  readonly apiToken: string;
  readonly adminToken: string;
  readonly pid: number;
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
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('server child did not start in time')),
      timeoutMs,
    );
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server child exited with code ${code}`));
    });
  });
  const info = JSON.parse(line) as { url: string; apiToken?: string; adminToken?: string };
  return {
    url: info.url,
    apiToken: info.apiToken ?? '',
    adminToken: info.adminToken ?? '',
    pid: child.pid ?? 0,
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
