import type { FastifyRequest } from 'fastify';
import type { PaginatedList, Source } from 'pagewise/engine';
import { createPageResponder } from 'pagewise/fastify';
import {
  type StyleEndpoint,
  StyleProblemError,
  type StyleResponse,
  type WireStyle,
} from 'pagewise/styles';
import type { Principal } from '../auth/principal.js';

/** Query as Fastify parses it. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One page request of an emulated list, as a route describes it. */
export interface ServePageRequest<E extends StyleEndpoint, Row, Item> {
  /** The Fastify request (its raw URL is read for the query, as sent). */
  readonly request: FastifyRequest;
  readonly style: WireStyle<E>;
  readonly endpoint: E;
  readonly list: PaginatedList<Row>;
  /** Name the query fingerprint is bound to, including path ids (`GET /2/users/42/tweets`). */
  readonly listKey: string;
  readonly principal: Principal;
  /** Builds the source once the paging parameters are valid (may throw a StyleProblemError). */
  readonly source: () => Promise<Source<Row>> | Source<Row>;
  /** Window bounds (since_id, start_time, …), fixed for the walk. */
  readonly window?: Readonly<Record<string, unknown>>;
  /** Zoom `from`/`to` echo. */
  readonly range?: { readonly from: string; readonly to: string };
  /** Maps a row to its wire item. */
  readonly toItem: (row: Row) => Item;
}

/**
 * Answers one page request through the server part's page responder: the
 * style parses the paging parameters, the token part fingerprints the
 * query, the engine pages (tokens bound to the principal), the style writes
 * the envelope, and every failure becomes the style's problem body. The
 * request has already been admitted (auth, faults, rate limit) by the
 * emulator's `onRequest` hook, so the responder gets the admission. A
 * responder is made per request because the item mapping depends on the
 * request (`tweet.fields`, `user.fields`).
 */
export function servePage<E extends StyleEndpoint, Row, Item>(
  r: ServePageRequest<E, Row, Item>,
): Promise<StyleResponse> {
  const responder = createPageResponder<Row, E, FastifyRequest>({
    style: r.style,
    endpoint: r.endpoint,
    list: r.list,
    listName: r.listKey,
    // The list key already names the path ids; the raw path would tell `me` from its id apart anyway.
    bindPath: false,
    scope: () => r.principal.scope,
    source: () => r.source(),
    window: () => r.window,
    range: () => r.range,
    toItem: r.toItem,
    onInternalError: (error, request) => request.log.error({ err: error }, 'emulator page failed'),
  });
  return responder.respond(r.request, r.request.url, { scope: r.principal.scope, headers: {} });
}

/** Throws the style-neutral "bad parameter" problem. */
export function badParam(
  param: string,
  value: string | readonly string[] | undefined,
  message?: string,
  fault: 'invalid' | 'missing' = 'invalid',
): never {
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  throw new StyleProblemError({
    kind: 'invalid_parameter',
    param,
    values,
    fault,
    ...(message === undefined ? {} : { message }),
  });
}
