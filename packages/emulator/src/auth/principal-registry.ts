import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EmulatorDb } from '../data/open-database.js';
import type { Principal, XAuth } from './principal.js';

/**
 * Resolves bearer tokens to principals. The default API token
 * (`PAGEWISE_API_TOKEN`) is the `owner` principal (Zoom and X user 0), an
 * X app token; further principals are created with `POST
 * /__admin/principals` (X user tokens by default) and kept in the database
 * (token hashed with SHA-256), so every replica on the same database knows
 * them.
 */
export class PrincipalRegistry {
  readonly #handle: EmulatorDb;
  readonly #apiTokenHash: Buffer;
  readonly #owner: Principal;
  readonly #cache = new Map<string, Principal>();

  constructor(
    handle: EmulatorDb,
    apiToken: string,
    owner: { zoomUserId: string; xUserId: bigint },
  ) {
    this.#handle = handle;
    this.#apiTokenHash = sha256(apiToken);
    this.#owner = Object.freeze({ scope: 'owner', name: 'owner', ...owner, xAuth: 'app' as const });
  }

  /** The default principal. */
  get owner(): Principal {
    return this.#owner;
  }

  /** The principal of an `Authorization` header value, or `undefined` when missing or unknown. */
  async resolve(authorization: string | undefined): Promise<Principal | undefined> {
    const token = bearerToken(authorization);
    if (token === undefined) return undefined;
    const hash = sha256(token);
    if (timingSafeEqual(hash, this.#apiTokenHash)) return this.#owner;
    const key = hash.toString('hex');
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const row = await this.#handle.db
      .selectFrom('pw_principals')
      .selectAll()
      .where('token_hash', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    const principal = Object.freeze({
      scope: `p:${key.slice(0, 24)}`,
      name: row.name,
      zoomUserId: row.zoom_user_id,
      xUserId: BigInt(row.x_user_id),
      xAuth: row.x_auth === 'app' ? ('app' as const) : ('user' as const),
    });
    this.#cache.set(key, principal);
    return principal;
  }

  /** Creates a principal for the given users and returns it with its new bearer token. */
  async create(
    input: { name: string; zoomUserId: string; xUserId: bigint; xAuth: XAuth },
    nowMs: number,
  ): Promise<Principal & { token: string }> {
    const token = `pw_user_${randomBytes(18).toString('base64url')}`;
    const key = sha256(token).toString('hex');
    await this.#handle.db
      .insertInto('pw_principals')
      .values({
        token_hash: key,
        name: input.name,
        zoom_user_id: input.zoomUserId,
        x_user_id: input.xUserId,
        created_at: nowMs,
        x_auth: input.xAuth,
      })
      .execute();
    return { token, scope: `p:${key.slice(0, 24)}`, ...input };
  }
}

/** The token of a `Bearer <token>` header value (scheme case-insensitive), else `undefined`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
  return m?.[1];
}

/** Constant-time comparison of a header against one expected token. */
export function matchesToken(authorization: string | undefined, expected: string): boolean {
  const token = bearerToken(authorization);
  return token !== undefined && timingSafeEqual(sha256(token), sha256(expected));
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
