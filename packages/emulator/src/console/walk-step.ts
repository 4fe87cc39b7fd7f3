import type { FastifyInstance } from 'fastify';
import type { TokenBinding } from 'pagewise/token';
import type { EmulatorContext } from '../emulator-context.js';
import { type RefusedTokenView, type TokenView, tokenView } from './token-view.js';
import { shortenTokens } from './traffic-row.js';
import type { WalkDefinition } from './walk-catalog.js';

/** The body of `POST /__admin/console/walk`: one page of one list. */
export interface WalkStepRequest {
  /** Id of a list of the walk catalog, e.g. `x.user_tweets`. */
  readonly endpoint: string;
  /** Path and query parameters by name; empty values are left out. */
  readonly params?: Readonly<Record<string, string>>;
  /** The page token of the previous step (absent for the first page). */
  readonly token?: string;
}

/** Whether the next token's cursor holds the sort keys of the page's last row, read from the database. */
export interface CursorCheck {
  /** Id of the last item of the page. */
  readonly itemId: string;
  /** That item's sort-key values in the database, as text. */
  readonly rowKeys: readonly string[] | null;
  readonly matches: boolean;
}

/** What the walk view shows for one step. */
export interface WalkStepResult {
  /** The request sent (as the owner principal), page token shortened. */
  readonly request: string;
  readonly status: number;
  readonly ms: number;
  /** Rate-limit and retry headers of the answer. */
  readonly headers: Readonly<Record<string, string>>;
  /** The API's answer, as sent. */
  readonly body: unknown;
  readonly itemCount: number;
  readonly itemIds: readonly string[];
  /** The next page's token in full (the console sends it back for the next step). */
  readonly nextToken: string | null;
  /** What this request's tokens are bound to: the owner's scope and the engine's query binding. */
  readonly binding: {
    readonly principal: string;
    readonly scope: string;
    readonly query: string;
  } | null;
  /** The token sent, opened and checked against this request's binding. */
  readonly sent: TokenView | RefusedTokenView | null;
  /** The next token, opened and checked against this request's binding (the same query walked on). */
  readonly next: TokenView | RefusedTokenView | null;
  readonly cursorCheck: CursorCheck | null;
}

/**
 * Runs one step of a walk: sends the page request through the emulator
 * itself (`inject`, as the owner principal, so it shows in the traffic and
 * counts against the owner's rate limits), captures the exact bindings the
 * codec sealed and opened with, and opens the sent and the next token for
 * the console. The next token's cursor is checked against the database row
 * of the page's last item.
 *
 * @throws RangeError for an unknown endpoint or parameters that are not strings (a 400).
 */
export async function walkStep(
  app: FastifyInstance,
  ctx: EmulatorContext,
  catalog: readonly WalkDefinition[],
  input: WalkStepRequest,
): Promise<WalkStepResult> {
  const def = catalog.find((d) => d.endpoint.id === input?.endpoint);
  if (!def) {
    throw new RangeError(`endpoint must be one of ${catalog.map((d) => d.endpoint.id).join(', ')}`);
  }
  const { endpoint } = def;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.params ?? {})) {
    if (typeof value !== 'string') throw new RangeError(`param ${name} must be a string`);
    params[name] = value;
  }
  if (input.token !== undefined && typeof input.token !== 'string') {
    throw new RangeError('token must be a string');
  }
  let path = endpoint.path;
  const query = new URLSearchParams();
  for (const p of endpoint.params) {
    const value = params[p.name] ?? '';
    if (p.inPath) {
      if (value === '') throw new RangeError(`param ${p.name} is required (a path segment)`);
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (value !== '') query.append(p.name, value);
  }
  if (input.token) query.append(endpoint.tokenParam, input.token);
  const qs = query.toString();
  const url = qs === '' ? path : `${path}?${qs}`;

  const owner = ctx.principals.owner;
  const started = performance.now();
  const captured = await ctx.codec.captureBindings(() =>
    app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${ctx.options.apiToken}` },
    }),
  );
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const res = captured.result;
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    // not JSON (e.g. an empty body): shown as text
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const rawItems = record[endpoint.itemsField];
  const items = Array.isArray(rawItems) ? (rawItems as Record<string, unknown>[]) : [];
  const nextToken = nextTokenOf(endpoint.style, record);
  const binding: TokenBinding | undefined = captured.sealed.at(-1) ?? captured.opened.at(-1);
  const names = { keys: endpoint.sortKeys, window: endpoint.windows };
  // Without a captured binding (a fault answered before the list ran), only the scope is checked.
  const expected = binding ?? { scope: owner.scope };
  const sent = input.token ? tokenView(ctx, input.token, expected, names, owner.name) : null;
  const next = nextToken ? tokenView(ctx, nextToken, expected, names, owner.name) : null;

  let cursorCheck: CursorCheck | null = null;
  const last = items.at(-1);
  if (next && 'keys' in next && last) {
    const rowKeys = (await def.rowKeys(last, params)) ?? null;
    const cursorKeys = next.keys.map((k) => String(k.value));
    cursorCheck = {
      itemId: String(last[endpoint.idField]),
      rowKeys,
      matches:
        rowKeys !== null &&
        rowKeys.length === cursorKeys.length &&
        rowKeys.every((v, i) => v === cursorKeys[i]),
    };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (/rate-?limit|retry-after/i.test(name) && value !== undefined) headers[name] = String(value);
  }
  return {
    request: `GET ${shortenTokens(url)}`,
    status: res.statusCode,
    ms,
    headers,
    body,
    itemCount: items.length,
    itemIds: items.map((i) => String(i[endpoint.idField])),
    nextToken: nextToken ?? null,
    binding: binding ? { principal: owner.name, scope: binding.scope, query: binding.query } : null,
    sent,
    next,
    cursorCheck,
  };
}

function nextTokenOf(style: 'zoom' | 'x', body: Record<string, unknown>): string | undefined {
  const token =
    style === 'zoom'
      ? body['next_page_token']
      : (body['meta'] as Record<string, unknown> | undefined)?.['next_token'];
  return typeof token === 'string' && token !== '' ? token : undefined;
}
