import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, spawnCli } from '../helpers/cli-process.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';

let main: string;
beforeAll(() => {
  main = buildCli();
});

const SIZES =
  'zoomUsers=60,zoomMeetings=40,participantsPerMeeting=1,xUsers=10,xTweets=100,xFollows=20';

/**
 * Spawns `pagewise serve` on a free port, waits for its banner, fetches
 * every Zoom user through `pagewise fetch`, then stops it with SIGINT.
 */
async function serveAndFetch(
  db: string,
  rateLimit: readonly string[] = ['--rate-limit', 'off'],
): Promise<string> {
  const env = {
    PAGEWISE_API_TOKEN: 'cli-serve-test',
    PAGEWISE_ADMIN_TOKEN: 'cli-serve-admin',
    PAGEWISE_TOKEN_KEYS: generateKeySpec('s1'),
  };
  const server = spawnCli(
    main,
    ['serve', '--port', '0', '--db', db, '--sizes', SIZES, ...rateLimit, '--no-log', '--seed', 's'],
    {
      env,
    },
  );
  let banner = '';
  server.child.stdout?.on('data', (d: string) => {
    banner += d;
  });
  try {
    // The banner's last line: it arrives in several chunks, and the checks below read all of it.
    for (let i = 0; i < 600 && !/OpenAPI: /.test(banner); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /listening on (http:\S+)/.exec(banner)?.[1];
    expect(url, banner).toBeDefined();
    expect(banner).toContain('API bearer token: cli-serve-test');
    const r = await runCli(
      main,
      ['fetch', `${url}/v2/users`, '--preset', 'zoom', '--page-size', '25', '-q'],
      {
        env: { PAGEWISE_BEARER: 'cli-serve-test' },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const ids = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.length).toBeGreaterThan(20);
    expect(new Set(ids).size).toBe(ids.length);
  } finally {
    server.child.kill('SIGINT');
  }
  const stopped = await server.done;
  // Closed gracefully by its own SIGINT handler, not killed by the signal.
  expect(stopped.signal).toBeNull();
  expect(stopped.code).toBe(0);
  return banner;
}

describe('pagewise serve', () => {
  it('serves the emulator on SQLite, answers fetch, and stops cleanly on SIGINT', async () => {
    await serveAndFetch(':memory:');
  });

  describe.skipIf(!hasPg)('on PostgreSQL', () => {
    let database: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('serves the emulator from a postgres:// --db URL, rate-limit counters in the database', async () => {
      const banner = await serveAndFetch(database.url, [
        '--rate-limit',
        'realistic',
        '--rate-limit-store',
        'database',
      ]);
      expect(banner).toContain('rate limits: realistic (counters: database)');
    });
  });

  it('rejects bad flag values with one line and exit 2', async () => {
    const r = await runCli(main, ['serve', '--port', 'abc']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe('pagewise: --port must be a whole number (got "abc")\n');
    const sizes = await runCli(main, ['serve', '--sizes', 'zoomUsers=many']);
    expect(sizes.code).toBe(2);
    expect(sizes.stderr.trim().split('\n')).toHaveLength(1);
    const mode = await runCli(main, ['serve', '--rate-limit', 'sometimes']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(
      /^pagewise: option '--rate-limit <mode>' argument 'sometimes' is invalid/,
    );
    const store = await runCli(main, ['serve', '--rate-limit-store', 'redis']);
    expect(store.code).toBe(2);
    expect(store.stderr).toMatch(
      /^pagewise: option '--rate-limit-store <store>' argument 'redis' is invalid/,
    );
  });
});
