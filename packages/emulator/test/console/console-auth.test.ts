import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ASSETS_DIR } from '../../src/console/console-assets.js';
import { CONSOLE_DATA_ROUTES } from '../../src/console/register-console.js';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { createDb, type TestDb, testOptions } from '../emulator-fixtures.js';

const SEED = 'console-auth-seed-7f3a';
const UNAUTHORIZED = { error: 'Send Authorization: Bearer <PAGEWISE_ADMIN_TOKEN>.' };

/** Method and full path of every route, read from Fastify's route tree. */
function routesOf(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = Math.round(at / 4);
    const m = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(at + 3));
    const segment = m?.[1] ?? '';
    stack.length = depth;
    stack.push(segment);
    for (const method of (m?.[2] ?? '').split(', ').filter(Boolean)) {
      out.push({ method, path: stack.join('') });
    }
  }
  return out;
}

/** The console's static shell: the only `/__admin` paths that answer without the token. */
const isShell = (path: string) =>
  path === '/__admin' || path === '/__admin/' || path.startsWith('/__admin/assets/');

describe('console and admin routes without the admin token', () => {
  let emu: RunningEmulator;
  let db: TestDb;
  let secrets: string[];

  beforeAll(async () => {
    db = await createDb('sqlite');
    emu = await startEmulator(testOptions(db, { seed: SEED, rateLimit: 'scaled' }));
    const ctx = emu.app.emulator.context;
    // Traffic and rate-limit state for the console to hold (and not leak).
    await fetch(`${emu.url}/v2/users?page_size=2`, {
      headers: { authorization: `Bearer ${emu.apiToken}` },
    });
    secrets = [
      emu.adminToken,
      emu.apiToken,
      SEED,
      ctx.principals.owner.zoomUserId,
      String(ctx.principals.owner.xUserId),
      '/v2/users',
    ];
  });
  afterAll(async () => {
    await emu?.close();
    await db?.drop();
  });

  it('lists every console data route among the admin routes it checks', () => {
    const admin = routesOf(emu.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.path.startsWith('/__admin'),
    );
    const names = admin.map((r) => `${r.method} ${r.path}`);
    for (const route of CONSOLE_DATA_ROUTES) expect(names).toContain(route);
    expect(names).toContain('PUT /__admin/faults');
  });

  it('answers every data route, the stream included, with a bare 401 for a missing or wrong token', async () => {
    const admin = routesOf(emu.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.path.startsWith('/__admin') && !isShell(r.path),
    );
    expect(admin.length).toBeGreaterThanOrEqual(CONSOLE_DATA_ROUTES.length + 6);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${emu.apiToken}` },
      { authorization: `Basic ${Buffer.from(`admin:${emu.adminToken}`).toString('base64')}` },
      { authorization: `Bearer ${emu.adminToken}x` },
    ];
    for (const { method, path } of admin) {
      for (const headers of attempts) {
        const res = await fetch(`${emu.url}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'POST' || method === 'PUT' ? { body: '{"errorRate":1}' } : {}),
          signal: AbortSignal.timeout(5000),
        });
        const text = await res.text();
        const where = `${method} ${path} with ${JSON.stringify(Object.keys(headers))}`;
        expect(res.status, where).toBe(401);
        expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
        expect(res.headers.get('set-cookie'), where).toBeNull();
        if (method !== 'HEAD') expect(JSON.parse(text), where).toEqual(UNAUTHORIZED);
        for (const secret of secrets) {
          expect(text, where).not.toContain(secret);
          for (const [name, value] of res.headers)
            expect(`${name}: ${value}`).not.toContain(secret);
        }
      }
    }
    // Nothing changed: the PUT and POST attempts were refused before they ran.
    expect(emu.app.emulator.context.faults.current.errorRate).toBe(0);
  });

  it('finds the page from src/ and dist/ alike, in a folder the package ships', () => {
    const emulatorDir = join(import.meta.dirname, '..', '..');
    expect(CONSOLE_ASSETS_DIR).toBe(join(emulatorDir, 'public', 'console') + sep);
    const pkg = JSON.parse(readFileSync(join(emulatorDir, 'package.json'), 'utf8')) as {
      files: string[];
    };
    expect(pkg.files).toContain('public');
  });

  it('serves the static shell without the token: the packaged files byte for byte, holding no data', async () => {
    const redirect = await fetch(`${emu.url}/__admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/__admin/');
    const shell = routesOf(emu.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.method === 'GET' && isShell(r.path) && r.path !== '/__admin',
    );
    expect(shell.map((r) => r.path)).toContain('/__admin/assets/main.js');
    for (const { path } of shell) {
      const res = await fetch(`${emu.url}${path}`);
      expect(res.status, path).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const file = path === '/__admin/' ? 'index.html' : path.slice('/__admin/assets/'.length);
      expect(body.equals(readFileSync(join(CONSOLE_ASSETS_DIR, file))), path).toBe(true);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      for (const secret of secrets.slice(0, 5)) expect(body.toString(), path).not.toContain(secret);
      // Nothing from another origin: no CDN, no remote font, no absolute URL.
      expect(body.toString(), path).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
      expect(body.toString(), path).not.toMatch(/import\s[^;]*['"]https?:/);
    }
  });
});
