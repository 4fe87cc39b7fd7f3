import { generateKeySpec } from 'pagewise/token';
import type { ResolvedEmulatorOptions } from './emulator-options.js';
import { loadOrCreateSecrets } from './emulator-secrets.js';

/** One random key ring per process for `:memory:` databases, shared like the data's lifetime. */
let memoryKeys: string | undefined;

/**
 * Fills in the secrets the user did not configure: from (or into) the
 * SQLite file's secrets file; for `:memory:` a page-token key for this
 * process, without a warning (nothing outlives the process there, and no
 * other replica can share the database). PostgreSQL keeps `tokenKeys`
 * unset, so the token part warns that the key is per process.
 */
export function withStoredSecrets(
  opts: ResolvedEmulatorOptions,
  warn: (line: string) => void,
): ResolvedEmulatorOptions {
  const needed = opts.tokenKeys === undefined || opts.apiTokenGenerated || opts.adminTokenGenerated;
  if (!needed) return opts;
  if (opts.secretsFile === undefined) {
    if (opts.database.kind !== 'sqlite' || opts.tokenKeys !== undefined) return opts;
    memoryKeys ??= generateKeySpec('mem');
    return Object.freeze({ ...opts, tokenKeys: memoryKeys });
  }
  const stored = loadOrCreateSecrets(opts.secretsFile, warn);
  return Object.freeze({
    ...opts,
    tokenKeys: opts.tokenKeys ?? stored.tokenKeys,
    tokenKeysSource: opts.tokenKeys === undefined ? 'secrets-file' : opts.tokenKeysSource,
    apiToken: opts.apiTokenGenerated ? stored.apiToken : opts.apiToken,
    adminToken: opts.adminTokenGenerated ? stored.adminToken : opts.adminToken,
  });
}
