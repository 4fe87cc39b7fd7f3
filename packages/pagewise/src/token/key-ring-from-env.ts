import { randomBytes } from 'node:crypto';
import { KeyRing, type TokenKey } from './key-ring.js';
import { TokenConfigError } from './token-config-error.js';

/** Name of the environment variable holding the token keys. */
export const TOKEN_KEYS_ENV = 'PAGEWISE_TOKEN_KEYS';

/** Options of {@link keyRingFromEnv}. */
export interface KeyRingFromEnvOptions {
  /**
   * Where the warning about a generated key goes.
   * @default console.warn
   */
  readonly warn?: (message: string) => void;
  /**
   * Whether a missing `PAGEWISE_TOKEN_KEYS` may be replaced by a random key.
   * @default true unless `NODE_ENV` is `production`
   */
  readonly allowEphemeral?: boolean;
}

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

// One random key per process, shared by every ring made without
// configuration, so two codecs in one process still open each other's tokens.
let ephemeralKey: Buffer | undefined;
let warned = false;

/**
 * Builds the key ring from `PAGEWISE_TOKEN_KEYS`: comma-separated
 * `id:base64key` entries (standard or URL-safe base64 of 32 bytes),
 * **oldest first, the last entry seals**; whitespace around entries is
 * ignored. Generate entries with `generateKeySpec()` (`pagewise keys generate`).
 *
 * When the variable is unset or empty and ephemeral keys are allowed (not in
 * production), a random key (id `dev`) is used and a warning is given once per
 * process: tokens then die with the process and are not shared by replicas.
 *
 * @example
 * ```ts
 * // PAGEWISE_TOKEN_KEYS="k1:…,k2:…"  → k2 seals, k1 and k2 open
 * const codec = new TokenCodec({ keyRing: keyRingFromEnv() });
 * ```
 * @throws TokenConfigError for an invalid entry (naming its position and id, never the key), or a missing variable in production.
 */
export function keyRingFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: KeyRingFromEnvOptions = {},
): KeyRing {
  const raw = env[TOKEN_KEYS_ENV];
  if (raw === undefined || raw.trim() === '') {
    const allowEphemeral = options.allowEphemeral ?? env['NODE_ENV'] !== 'production';
    if (!allowEphemeral) {
      throw new TokenConfigError(
        `${TOKEN_KEYS_ENV} is not set: page tokens need a shared key in production. ` +
          'Generate one with `pagewise keys generate` and set it on every replica.',
      );
    }
    ephemeralKey ??= randomBytes(32);
    if (!warned) {
      warned = true;
      (options.warn ?? console.warn)(
        `[pagewise] ${TOKEN_KEYS_ENV} is not set: using a random page-token key for this process only. ` +
          'Page tokens will stop working when it restarts and are not shared between replicas. ' +
          'Set it with the output of `pagewise keys generate`.',
      );
    }
    return new KeyRing([{ id: 'dev', key: ephemeralKey }]);
  }
  const keys: TokenKey[] = [];
  const entries = raw.split(',');
  entries.forEach((entry, index) => {
    const where = `${TOKEN_KEYS_ENV} entry ${index + 1} of ${entries.length}`;
    const trimmed = entry.trim();
    if (trimmed === '') throw new TokenConfigError(`${where} is empty: remove the stray comma.`);
    const colon = trimmed.indexOf(':');
    // The entry itself is never quoted in messages: it may be a bare key.
    if (colon < 0)
      throw new TokenConfigError(`${where} has no ':' between id and key: expected id:base64key.`);
    const id = trimmed.slice(0, colon);
    const encoded = trimmed.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id)) {
      throw new TokenConfigError(
        `${where} has an invalid key id: use 1-32 characters of A-Z a-z 0-9 . _ -`,
      );
    }
    if (!BASE64.test(encoded) && !BASE64URL.test(encoded)) {
      throw new TokenConfigError(`${where} (id '${id}'): the key is not valid base64.`);
    }
    const key = Buffer.from(
      encoded,
      encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64',
    );
    if (key.length !== 32) {
      throw new TokenConfigError(
        `${where} (id '${id}'): the key must be 32 bytes (AES-256), got ${key.length}; generate one with \`pagewise keys generate\`.`,
      );
    }
    keys.push({ id, key });
  });
  return new KeyRing(keys);
}
