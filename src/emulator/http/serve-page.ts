import type { PaginatedList, Source } from '../../engine/index.js';
import {
  type PageView,
  problemFromError,
  queryValues,
  type StyleEndpoint,
  StyleProblemError,
  type StyleResponse,
  type WireStyle,
} from '../../styles/index.js';
import { fingerprintQuery } from '../../token/index.js';
import type { Principal } from '../auth/principal.js';

/** Query as Fastify parses it. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One page request of an emulated list, as a route describes it. */
export interface ServePageRequest<E extends StyleEndpoint, Row, Item> {
  readonly style: WireStyle<E>;
  readonly endpoint: E;
  readonly list: PaginatedList<Row>;
  /** Name the query fingerprint is bound to, including path ids (`GET /2/users/42/tweets`). */
  readonly listKey: string;
  readonly query: RawQuery;
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
 * Answers one page request with the parts: the style parses the paging
 * parameters, the token part fingerprints the query, the engine pages
 * (opening and sealing tokens bound to the principal), the style writes the
 * envelope. Any failure becomes the style's problem body (never a 500 for a
 * caller mistake). This is the emulator's thin adapter between Fastify and
 * the parts.
 */
export async function servePage<E extends StyleEndpoint, Row, Item>(
  r: ServePageRequest<E, Row, Item>,
): Promise<StyleResponse> {
  let token: string | undefined;
  let tokenParam: string | undefined;
  try {
    const params = r.style.parseRequest(r.query, r.endpoint);
    token = params.token;
    tokenParam = params.tokenParam;
    const exclude = [...r.style.pagingParams(r.endpoint)];
    if (r.style.pageSizeMayChange) exclude.push(r.style.pageSizeParam);
    const binding = {
      scope: r.principal.scope,
      query: fingerprintQuery(r.query, { list: r.listKey, exclude }),
    };
    const source = await r.source();
    const page = await r.list.page({
      source,
      binding,
      pageSize: params.pageSize,
      token: params.token,
      window: r.window,
      pageNumber: params.pageNumber,
    });
    const view: PageView<Item> = {
      items: page.items.map(r.toItem),
      pageSize: page.pageSize,
      nextToken: page.nextToken,
      previousToken: page.previousToken,
      totalRecords: page.totals?.totalRecords,
      pageNumber: page.totals?.pageNumber ?? params.pageNumber,
      range: r.range,
    };
    return r.style.formatPage(view, r.endpoint);
  } catch (err) {
    const problem = problemFromError(err, {
      pageSizeParam: r.style.pageSizeParam,
      pageSize: r.endpoint.pageSize,
      tokenParam,
      token,
      pageSizeValue: queryValues(r.query, r.style.pageSizeParam)[0],
      pageNumberValue: queryValues(r.query, 'page_number')[0],
    });
    if (problem.kind === 'internal') throw err;
    return r.style.formatProblem(problem, r.endpoint);
  }
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
