import type { EmulatorApp } from '../../src/index.js';
import type { ConformanceFixture } from './conformance-fixture.js';
import type { CheckRecord, ConformanceRun, Exchange } from './conformance-run.js';
import type { EndpointMapping, Sample } from './endpoint-map.js';
import type { FieldObserver } from './field-observer.js';
import type { VendorOperation } from './vendor-operation.js';

/** What one endpoint's checks need besides the mapping. */
export interface EndpointContext {
  readonly app: EmulatorApp;
  readonly run: ConformanceRun;
  readonly fixture: ConformanceFixture;
  readonly vendor: VendorOperation;
  /** Query parameters the emulator's own `/openapi.json` lists for the route. */
  readonly emulatorParams: ReadonlySet<string>;
  readonly fields: FieldObserver;
  /** Moves the emulator's clock (page tokens expire). */
  readonly advanceClock: (ms: number) => void;
  /** Failures that are not a response's validation (an empty answer holding items). */
  readonly problems: string[];
}

/** Parameters the field cases leave alone (paging, time windows, search text, ids). */
const NOT_ENUMERATED = new Set([
  'max_results',
  'pagination_token',
  'next_token',
  'page_size',
  'next_page_token',
  'page_number',
]);
const TOKEN_TTL_MS = 15 * 60_000;
const MAX_WALK = 60;

/**
 * Runs every request of one mapped endpoint: first, next, previous and last
 * pages, page numbers, the empty answer, every documented value of every
 * enumerated query parameter (singly and all at once), and every error the
 * emulator can answer. Returns the records of this endpoint.
 */
export async function checkEndpoint(
  ctx: EndpointContext,
  mapping: EndpointMapping,
): Promise<CheckRecord[]> {
  const { run, vendor } = ctx;
  const start = run.records.length;
  const document = mapping.vendor.document;
  const isX = document === 'x';
  const path = mapping.emulator.split(' ')[1] as string;
  const sample = await mapping.sample(ctx.fixture);
  const check = (label: string, ex: Exchange, expected: number) =>
    run.check(mapping.emulator, label, document, mapping.vendor.operation, ex, expected);
  const defaultAuth = mapping.userToken ? `Bearer ${ctx.fixture.x.ownerUserToken}` : undefined;
  const get = (s: Sample, q: Record<string, string> = {}, auth?: string | null) =>
    run.get(path, s, q, auth === undefined ? defaultAuth : auth);
  const observe = (label: string, query: Record<string, string>, ex: Exchange) => {
    if (isX && ex.status === 200)
      ctx.fields.observe(`${mapping.emulator} ${label}`, vendor.dataKind, query, ex.body);
  };

  const sizeParam = vendor.query.get(isX ? 'max_results' : 'page_size');
  const small = sizeParam ? String(Math.max(sizeParam.minimum ?? 1, 5)) : undefined;
  const large = sizeParam ? String(Math.min(sizeParam.maximum ?? 100, 100)) : undefined;
  const size = (n: string | undefined): Record<string, string> =>
    n === undefined || sizeParam === undefined ? {} : { [sizeParam.name]: n };
  const tokenParam = isX
    ? vendor.query.has('next_token')
      ? 'next_token'
      : vendor.query.has('pagination_token')
        ? 'pagination_token'
        : undefined
    : vendor.query.has('next_page_token')
      ? 'next_page_token'
      : undefined;
  const nextToken = (body: unknown): string | undefined => {
    const b = body as Record<string, unknown> | undefined;
    const t = isX
      ? (b?.['meta'] as Record<string, unknown> | undefined)?.['next_token']
      : b?.['next_page_token'];
    return typeof t === 'string' && t !== '' ? t : undefined;
  };

  // Pages.
  const first = await get(sample, size(small));
  check('first page', first, 200);
  const token = nextToken(first.body);
  if (tokenParam !== undefined && token !== undefined) {
    const second = await get(sample, { ...size(small), [tokenParam]: token });
    check('next page', second, 200);
    const previous = (
      (second.body as Record<string, unknown>)?.['meta'] as Record<string, unknown> | undefined
    )?.['previous_token'];
    if (isX && typeof previous === 'string' && vendor.query.has('pagination_token')) {
      check(
        'previous page',
        await get(sample, { ...size(small), pagination_token: previous }),
        200,
      );
    }
    // An expired token is the caller's error too.
    ctx.advanceClock(TOKEN_TTL_MS + 60_000);
    try {
      check('expired token', await get(sample, { ...size(small), [tokenParam]: token }), 400);
    } finally {
      ctx.advanceClock(-(TOKEN_TTL_MS + 60_000));
    }
  }
  if (vendor.query.has('page_number') && ctx.emulatorParams.has('page_number')) {
    check('page number 2', await get(sample, { ...size(small), page_number: '2' }), 200);
  }
  if (tokenParam !== undefined) {
    let page = await get(sample, size(large));
    for (let i = 0; i < MAX_WALK; i++) {
      const t = nextToken(page.body);
      if (t === undefined) break;
      page = await get(sample, { ...size(large), [tokenParam]: t });
    }
    check('last page', page, 200);
  }
  if (mapping.empty) {
    const empty = await get(await mapping.empty(ctx.fixture));
    check('empty page', empty, 200);
    const b = empty.status === 200 ? (empty.body as Record<string, unknown>) : {};
    const items = isX ? b['data'] : Object.values(b).find(Array.isArray);
    if (items !== undefined && (!Array.isArray(items) || items.length > 0)) {
      ctx.problems.push(`${mapping.emulator} empty page: holds items (${empty.url})`);
    }
  }

  // Every documented value of every enumerated parameter.
  const enumerated = [...vendor.query.values()].filter(
    (p) => p.values !== undefined && !NOT_ENUMERATED.has(p.name),
  );
  const companion = (name: string): Record<string, string> => {
    // user.fields on a post list shows on includes.users; tweet.fields on a user list on includes.tweets.
    const exp = vendor.query.get('expansions')?.values ?? [];
    if (name === 'user.fields' && vendor.dataKind === 'tweet' && exp.includes('author_id'))
      return { expansions: 'author_id' };
    if (
      name === 'tweet.fields' &&
      vendor.dataKind === 'user' &&
      exp.includes('most_recent_tweet_id')
    )
      return { expansions: 'most_recent_tweet_id' };
    return {};
  };
  for (const p of enumerated) {
    const values = p.values ?? [];
    const sets =
      p.list && values.length > 1 ? [...values.map((v) => [v]), values] : values.map((v) => [v]);
    for (const set of sets) {
      const q = { ...size(large), ...companion(p.name), [p.name]: set.join(',') };
      const label = `${p.name}=${set.length > 1 ? '(all)' : set[0]}`;
      const ex = await get(sample, q);
      check(label, ex, 200);
      observe(label, { ...sample.query, ...q }, ex);
    }
  }
  if (enumerated.length > 1) {
    const all: Record<string, string> = { ...size(large) };
    for (const p of enumerated) if (p.list) all[p.name] = (p.values ?? []).join(',');
    if (Object.keys(all).length > 1) {
      const ex = await get(sample, all);
      check('every field and expansion at once', ex, 200);
      observe('every field and expansion at once', { ...sample.query, ...all }, ex);
    }
  }

  // Errors.
  check('no credentials', await get(sample, {}, null), 401);
  check('bad credentials', await get(sample, {}, 'Bearer not-a-token'), 401);
  if (sizeParam !== undefined) {
    const bad = isX ? String((sizeParam.maximum ?? 100) + 1) : 'abc';
    check(`bad ${sizeParam.name}`, await get(sample, { [sizeParam.name]: bad }), 400);
  }
  if (tokenParam !== undefined) {
    check('forged token', await get(sample, { [tokenParam]: 'not-a-real-token' }), 400);
  }
  if (isX) {
    check('unknown parameter', await get(sample, { 'no.such.param': '1' }), 400);
    const fieldsParam = vendor.query.has('tweet.fields') ? 'tweet.fields' : undefined;
    if (fieldsParam)
      check('unknown field', await get(sample, { [fieldsParam]: 'no_such_field' }), 400);
  }
  if (mapping.notFound) {
    check('not found', await get(await mapping.notFound(ctx.fixture)), isX ? 200 : 404);
  }
  const admin = { authorization: `Bearer ${ctx.app.emulator.context.options.adminToken}` };
  const faults = (payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'PUT', url: '/__admin/faults', headers: admin, payload });
  try {
    await faults({ rateLimitBurst: 1 });
    check('rate limited', await get(sample), 429);
    for (const status of [500, 503]) {
      await faults({ errorRate: 1, errorStatus: status });
      check(`injected ${status}`, await get(sample), status);
    }
  } finally {
    await faults({});
  }
  return run.records.slice(start);
}
