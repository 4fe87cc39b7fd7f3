import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp, normalizeEmulatorOptions } from '../src/index.js';
import { createDb, type TestDb, testOptions } from './emulator-fixtures.js';

const MAIN = resolve(import.meta.dirname, '../dist/cli/main.js');
const SIZES =
  'zoomUsers=30,zoomMeetings=10,participantsPerMeeting=1,xUsers=10,xTweets=100,xFollows=20';
const API = 'log-test-api-token';
const ADMIN = 'log-test-admin-token';

/** A writable that keeps what it is given; `isTTY` makes it look like a terminal. */
function sink(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { isTTY?: boolean };
  if (isTTY) stream.isTTY = true;
  return { stream, text: () => chunks.join('') };
}

/** Requests with every kind of secret in play; returns the secrets that must not be logged. */
async function traffic(app: EmulatorApp): Promise<string[]> {
  const api = { authorization: `Bearer ${API}` };
  const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  const first = (await app.inject({ url: '/v2/users?page_size=2', headers: api })).json() as {
    next_page_token: string;
  };
  const token = first.next_page_token;
  await app.inject({ url: `/v2/users?page_size=2&next_page_token=${token}`, headers: api });
  await app.inject({ url: `/v2/users?page_size=2&next_page_token=${token}x`, headers: api });
  await app.inject({ url: '/2/users/me', headers: { authorization: 'Bearer wrong-secret' } });
  const bob = (
    await app.inject({
      method: 'POST',
      url: '/__admin/principals',
      headers: admin,
      payload: { name: 'bob' },
    })
  ).json() as { token: string };
  await app.inject({ url: `/nowhere?next_page_token=${token}`, headers: api });
  return [API, ADMIN, token, bob.token, 'wrong-secret'];
}

describe('request logs', () => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  async function app(
    format: 'pretty' | 'json' | undefined,
    out: ReturnType<typeof sink>,
    env: Record<string, string> = {},
  ): Promise<EmulatorApp> {
    const db = await createDb('sqlite');
    dbs.push(db);
    return buildEmulator(
      testOptions(db, {
        apiToken: API,
        adminToken: ADMIN,
        rateLimit: 'realistic',
        logger: { level: 'info', stream: out.stream },
        ...(format === undefined ? {} : { log: format }),
        env,
      }),
    );
  }

  it('pretty: one human line per request, and no secret in any line', async () => {
    const out = sink(false);
    const emu = await app('pretty', out);
    const secrets = await traffic(emu);
    await emu.close();
    const text = out.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('{"level"');
    expect(text).not.toContain('\u001b[');
    const lines = text.split('\n').filter((l) => / \/v2\/users/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d {2}GET \/v2\/users\?page_size=2 {2}200 {2}[\d.]+ ms {2}\d+ left$/,
    );
    expect(lines[1]).toMatch(
      /^\d\d:\d\d:\d\d {2}GET \/v2\/users\?page_size=2&next_page_token=#[0-9a-f]{6} {2}200 {2}[\d.]+ ms {2}\d+ left$/,
    );
    expect(lines[2]).toMatch(/next_page_token=#[0-9a-f]{6} {2}400 /);
    // The 401 and the unknown route are one line each too, tokens shown as their mark.
    expect(text).toMatch(/GET \/2\/users\/me {2}401 /);
    expect(text).toMatch(/GET \/nowhere\?next_page_token=#[0-9a-f]{6} {2}404 /);
  });

  it('json: the same requests, one record each, and no secret', async () => {
    const out = sink(false);
    const emu = await app('json', out);
    const secrets = await traffic(emu);
    await emu.close();
    const text = out.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const records = text
      .split('\n')
      .filter(Boolean)
      .map(
        (l) => JSON.parse(l) as { msg: string; req?: { url: string }; rateLimitRemaining?: number },
      );
    const users = records.filter((r) => r.req?.url.startsWith('/v2/users'));
    expect(users).toHaveLength(3);
    expect(users.every((r) => r.msg === 'request completed')).toBe(true);
    expect(users.every((r) => typeof r.rateLimitRemaining === 'number')).toBe(true);
  });

  it('defaults to pretty (coloured unless NO_COLOR) on a terminal and to JSON otherwise', async () => {
    const tty = sink(true);
    const emu = await app(undefined, tty);
    await traffic(emu);
    await emu.close();
    expect(tty.text()).toContain('GET /v2/users?page_size=2  \u001b[32m200\u001b[0m');
    const plain = sink(true);
    const noColor = await app(undefined, plain, { NO_COLOR: '1' });
    await traffic(noColor);
    await noColor.close();
    expect(plain.text()).toMatch(/GET \/v2\/users\?page_size=2 {2}200 /);
    expect(plain.text()).not.toContain('\u001b[');
    const pipe = sink(false);
    expect(normalizeEmulatorOptions({ env: {}, logger: { stream: pipe.stream } }).log).toBe('json');
    expect(normalizeEmulatorOptions({ env: { PAGEWISE_LOG: 'pretty' } }).log).toBe('pretty');
    expect(normalizeEmulatorOptions({ env: {}, logger: false, log: 'json' }).log).toBe('off');
    expect(() => normalizeEmulatorOptions({ env: { PAGEWISE_LOG: 'xml' } })).toThrow(
      /log must be pretty, json or off/,
    );
  });
});

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the emulator command', () => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  /** Spawns the built emulator CLI with stdout piped; resolves with its URL and a stop function. */
  async function spawnServer(args: string[]) {
    const db = await createDb('sqlite');
    dbs.push(db);
    const child = spawn(
      process.execPath,
      [MAIN, '--port', '0', '--db', db.url, '--sizes', SIZES, '--rate-limit', 'off', ...args],
      {
        env: { ...process.env, PAGEWISE_API_TOKEN: API, PAGEWISE_LOG: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    for (let i = 0; i < 1200 && !/listening on (http:\S+)/.test(out); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const url = /listening on (http:\S+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    return {
      url: url as string,
      async stop(): Promise<string> {
        const closed = new Promise((r) => child.once('close', r));
        child.kill('SIGINT');
        await closed;
        return out;
      },
    };
  }

  it('logs JSON when stdout is piped, nothing with --log off or --no-log', async () => {
    for (const [args, expectJson] of [
      [[], true],
      [['--log', 'off'], false],
      [['--no-log'], false],
    ] as const) {
      const server = await spawnServer([...args]);
      const res = await fetch(`${server.url}/v2/users?page_size=5`, {
        headers: { authorization: `Bearer ${API}` },
      });
      expect(res.status).toBe(200);
      await res.text();
      const out = await server.stop();
      const record = out.split('\n').find((l) => l.includes('/v2/users?page_size=5"'));
      if (expectJson)
        expect(JSON.parse(record as string)).toMatchObject({ msg: 'request completed' });
      else expect(record, out).toBeUndefined();
    }
  });

  it.skipIf(!hasTmux)('prints one human line per request in a real terminal', async () => {
    const db = await createDb('sqlite');
    dbs.push(db);
    const socket = `pagewise-emu-log-${process.pid}`;
    const tmux = (...args: string[]) =>
      execFileSync('tmux', ['-L', socket, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const command = [
      `PAGEWISE_API_TOKEN=${API}`,
      'PAGEWISE_LOG=',
      'NO_COLOR=1',
      process.execPath,
      MAIN,
      '--port 0',
      `--db ${db.url}`,
      `--sizes ${SIZES}`,
      '--rate-limit realistic',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'emu', '-x', '200', '-y', '40', `${command}; sleep 60`);
    try {
      let pane = '';
      for (let i = 0; i < 1200 && !/listening on (http:\S+)/.test(pane); i++) {
        await new Promise((r) => setTimeout(r, 25));
        pane = tmux('capture-pane', '-p', '-J', '-t', 'emu');
      }
      const url = /listening on (http:\S+)/.exec(pane)?.[1];
      expect(url, pane).toBeDefined();
      const first = (await (
        await fetch(`${url}/v2/users?page_size=5`, { headers: { authorization: `Bearer ${API}` } })
      ).json()) as { next_page_token: string };
      await (
        await fetch(`${url}/v2/users?page_size=5&next_page_token=${first.next_page_token}`, {
          headers: { authorization: `Bearer ${API}` },
        })
      ).text();
      for (let i = 0; i < 200 && !pane.includes('next_page_token=#'); i++) {
        await new Promise((r) => setTimeout(r, 25));
        pane = tmux('capture-pane', '-p', '-J', '-t', 'emu');
      }
      const lines = pane.split('\n').filter((l) => l.includes(' /v2/users'));
      expect(lines, pane).toHaveLength(2);
      expect(lines[1]).toMatch(
        /^\d\d:\d\d:\d\d {2}GET \/v2\/users\?page_size=5&next_page_token=#[0-9a-f]{6} {2}200 {2}[\d.]+ ms {2}\d+ left\s*$/,
      );
      expect(pane).not.toContain('{"level"');
      expect(pane).not.toContain(first.next_page_token);
    } finally {
      tmux('kill-server');
    }
  });
});
