import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * Folder of the console's page, style sheet and scripts:
 * `packages/emulator/public/console/`, beside `src/` and `dist/` (both sit
 * one level deeper, in `console/`), shipped in the package's `files`.
 */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('../../public/console/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Headers of every console file. The policy allows nothing but this origin
 * (no CDN, no inline script, no framing), and nothing is cached, so a new
 * emulator version never runs an old script.
 */
export const CONSOLE_ASSET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

/** The console's files, read once: name → bytes. */
export function readConsoleAssets(dir = CONSOLE_ASSETS_DIR): ReadonlyMap<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    if (TYPES[extname(name)] !== undefined) files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}

/**
 * Serves the console's static shell without authentication: `GET /__admin/`
 * (the page) and `GET /__admin/assets/<file>`. These files are the same for
 * every emulator and hold no data; the page asks for the admin token and
 * every request it makes for data carries it. Only files present at start
 * are served (no path is ever read from the request).
 */
export function registerConsoleAssets(app: FastifyInstance): void {
  const files = readConsoleAssets();
  const schema = { hide: true } as const;
  const index = files.get('index.html');
  app.get('/__admin', { schema }, (_request, reply) => reply.redirect('/__admin/', 308));
  app.get('/__admin/', { schema }, (_request, reply) => {
    if (!index) {
      return reply
        .code(404)
        .send({ error: 'The console files are missing from this installation (public/console).' });
    }
    return reply.headers(CONSOLE_ASSET_HEADERS).type(TYPES['.html']!).send(index);
  });
  for (const [name, bytes] of files) {
    if (name === 'index.html') continue;
    app.get(`/__admin/assets/${name}`, { schema }, (_request, reply) =>
      reply.headers(CONSOLE_ASSET_HEADERS).type(TYPES[extname(name)]!).send(bytes),
    );
  }
}
