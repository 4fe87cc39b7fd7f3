/**
 * Child process for the server benches: serves either the emulator or the
 * "ceiling" (a bare Fastify route returning a precomputed body) or the
 * "stringify" route (the same body serialized from objects on each request) on loopback,
 * prints one JSON line `{ url, apiToken, adminToken }` on stdout, and exits
 * when its parent closes stdin. A separate process keeps the load generator
 * and the server from sharing one event loop. The emulator is the built
 * `@pagewise/emulator` package (run `npm run build` first; the npm scripts do).
 *
 * usage: node --import tsx bench/lib/server-child.ts emulator <database> <sizesJson> [<optionsJson>]
 *        node --import tsx bench/lib/server-child.ts ceiling|stringify <bodyFile>
 */
import { readFileSync } from 'node:fs';
import { startEmulator } from '@pagewise/emulator';
import Fastify from 'fastify';

// The built packages, imported by name as `npm start` runs them (npm runs
// `build` before the benches that spawn this child): tsx's transpiled
// sources keep function names with a helper call on every inner closure, a
// cost users never pay.
const [mode, arg, sizes, extra] = process.argv.slice(2);

async function main(): Promise<{
  url: string;
  close(): Promise<void>;
  apiToken?: string;
  adminToken?: string;
}> {
  if (mode === 'ceiling' || mode === 'stringify') {
    const body = readFileSync(String(arg), 'utf8');
    // `stringify`: the same body kept as objects and serialized on every
    // request, with no database and no pagination; what writing the JSON alone costs.
    const parsed: unknown = JSON.parse(body);
    const app = Fastify({ logger: false });
    app.get('/ceiling', async (_req, reply) =>
      reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(mode === 'ceiling' ? body : JSON.stringify(parsed)),
    );
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url, close: () => app.close() };
  }
  const emu = await startEmulator({
    port: 0,
    database: String(arg),
    rateLimit: 'off',
    logger: false,
    print: () => {},
    sizes: JSON.parse(String(sizes)),
    seed: 'bench',
    anchor: '2026-01-01',
    apiToken: 'bench-api-token',
    adminToken: 'bench-admin-token',
    ...(extra ? JSON.parse(extra) : {}),
  });
  return emu;
}

main().then(
  (s) => {
    process.stdout.write(
      `${JSON.stringify({ url: s.url, apiToken: s.apiToken, adminToken: s.adminToken })}\n`,
    );
    process.stdin.resume();
    process.stdin.on('end', () => {
      s.close().finally(() => process.exit(0));
    });
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
