import { buildEmulator, type EmulatorApp } from './build-emulator.js';
import type { EmulatorOptions } from './emulator-options.js';

/** A listening emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** Bearer token of the default API principal. */
  readonly apiToken: string;
  /** Bearer token of the admin API. */
  readonly adminToken: string;
  /** The Fastify instance (for tests and embedding). */
  readonly app: EmulatorApp;
  /** Stops the churn writer, closes the server (waiting for requests in flight), then the database. */
  close(): Promise<void>;
}

/**
 * Builds the emulator and listens. Prints the base URL, the bearer token
 * to use and example `curl` lines (through `options.print`). With
 * `handleSignals`, SIGTERM and SIGINT close it gracefully.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ port: 0, rateLimit: 'off' });
 * const res = await fetch(`${emu.url}/v2/users`, { headers: { authorization: `Bearer ${emu.apiToken}` } });
 * await emu.close();
 * ```
 */
export async function startEmulator(
  options: EmulatorOptions & {
    /** Close gracefully on SIGTERM/SIGINT (for `npm start`). @default false */
    readonly handleSignals?: boolean;
  } = {},
): Promise<RunningEmulator> {
  const { handleSignals = false, ...rest } = options;
  const app = await buildEmulator(rest);
  const opts = app.emulator.context.options;
  const seed = app.emulator.seed;
  let address: string;
  try {
    address = await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const url = address.replace('[::1]', 'localhost');
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= app.close();
    return closing;
  };
  if (handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  const print = opts.print;
  const db =
    opts.database.kind === 'sqlite' ? `SQLite ${opts.database.path}` : 'PostgreSQL (DATABASE_URL)';
  print(`pagewise emulator listening on ${url}`);
  print(
    `  data: ${db}, seed "${opts.seed}", ${seed.reused ? 'reused existing dataset' : `seeded in ${(seed.ms / 1000).toFixed(1)} s`}`,
  );
  print(
    `  rate limits: ${opts.rateLimit}${opts.rateLimit === 'off' ? '' : ` (counters: ${opts.rateLimitStore})`}`,
  );
  // Generated secrets are either kept in the secrets file (stable across restarts) or random.
  const kept = opts.secretsFile === undefined ? 'random' : `kept in ${opts.secretsFile}`;
  print(
    `  API bearer token${opts.apiTokenGenerated ? ` (${kept}; set PAGEWISE_API_TOKEN to choose it)` : ''}: ${opts.apiToken}`,
  );
  print(
    `  admin bearer token${opts.adminTokenGenerated ? ` (${kept}; set PAGEWISE_ADMIN_TOKEN to choose it)` : ''}: ${opts.adminToken}`,
  );
  if (opts.tokenKeysSource === 'secrets-file') {
    print(`  page-token keys: kept in ${opts.secretsFile} (owner-only), valid across restarts`);
  }
  print('  try:');
  print(`    curl -H "Authorization: Bearer ${opts.apiToken}" "${url}/v2/users?page_size=300"`);
  print(`    curl -H "Authorization: Bearer ${opts.apiToken}" "${url}/2/users/me"`);
  print(
    `    curl -H "Authorization: Bearer ${opts.apiToken}" "${url}/2/tweets/search/recent?query=api&max_results=100"`,
  );
  print(`    curl -H "Authorization: Bearer ${opts.adminToken}" "${url}/__admin/dataset"`);
  print(`  OpenAPI: ${url}/openapi.json`);
  return { url, apiToken: opts.apiToken, adminToken: opts.adminToken, app, close };
}
