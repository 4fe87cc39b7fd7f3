import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { firstArrayKey, getPath } from './json-path.js';
import type { PageSource, SourceHooks, SourcePage } from './page-source.js';
import type { Strategy } from './presets.js';
import { rateLimitWaitMs } from './rate-limit-wait.js';

/** What the built-in walker needs. */
export interface HttpSourceOptions {
  /** First-page URL, with every query parameter of the walk already set. */
  readonly url: URL;
  readonly strategy: Strategy;
  readonly itemsPath: string | null;
  readonly totalPath: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Longest rate-limit wait accepted before failing with exit 4. */
  readonly maxWaitMs: number;
  /** Retries of a 5xx or a network error, with exponential backoff. */
  readonly retries: number;
  /** Injected for tests. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * The command's own small page walker, over the platform `fetch`. Its resume
 * state is simply the URL of the next request, which makes a checkpoint easy
 * to read and independent of any library version.
 *
 * It follows the four strategies of the presets, stops only when the API
 * says the list ended, refuses a token that repeats (an endless loop), waits
 * out rate limits up to `maxWaitMs`, and retries transient failures.
 */
export function createHttpPageSource(options: HttpSourceOptions): PageSource {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async *pages(state: unknown, hooks: SourceHooks): AsyncIterable<SourcePage> {
      let url = typeof state === 'string' ? new URL(state) : new URL(options.url);
      const seen = new Set<string>();
      for (;;) {
        const response = await request(doFetch, url, options, hooks);
        const body: unknown = await response.json().catch(() => {
          throw new CliError('cli_http', `the response of GET ${url} is not JSON`, ExitCode.http);
        });
        const itemsPath = options.itemsPath ?? firstArrayKey(body) ?? null;
        const rawItems = itemsPath === null ? [] : getPath(body, itemsPath);
        if (rawItems !== undefined && rawItems !== null && !Array.isArray(rawItems)) {
          throw new CliError(
            'cli_http',
            `"${itemsPath}" in the response of GET ${url} is not an array; set --items-path`,
            ExitCode.http,
          );
        }
        const items: readonly unknown[] = rawItems ?? [];
        const next = nextUrl(url, response, body, items, options);
        const totalValue =
          options.totalPath === null ? undefined : getPath(body, options.totalPath);
        const total = typeof totalValue === 'number' ? totalValue : null;
        if (next !== null) {
          if (seen.has(next.href) || next.href === url.href) {
            throw new CliError(
              'cli_http',
              `the API sent the same next-page cursor twice (at ${url}); stopping instead of looping forever`,
              ExitCode.http,
            );
          }
          seen.add(next.href);
          // Bounded memory: only recent cursors can reasonably repeat.
          if (seen.size > 1000) seen.clear();
        }
        yield { items, next: next === null ? null : next.href, total };
        if (next === null) return;
        url = next;
      }
    },
  };
}

function nextUrl(
  current: URL,
  response: Response,
  body: unknown,
  items: readonly unknown[],
  options: HttpSourceOptions,
): URL | null {
  const strategy = options.strategy;
  switch (strategy.kind) {
    case 'token': {
      const token = getPath(body, strategy.nextPath);
      // Zoom and Slack end with "", X omits the key: both mean the end.
      if (token === undefined || token === null || token === '') return null;
      const next = new URL(options.url);
      next.searchParams.set(strategy.tokenParam, String(token));
      return next;
    }
    case 'link': {
      const link = response.headers.get('link');
      if (link === null) return null;
      for (const part of link.split(',')) {
        const match = /<([^>]*)>\s*;.*\brel="?([^";]*)"?/.exec(part);
        if (match?.[2]?.split(/\s+/).includes('next') === true && match[1] !== undefined) {
          return new URL(match[1], current);
        }
      }
      return null;
    }
    case 'item-cursor': {
      if (getPath(body, strategy.hasMorePath) !== true || items.length === 0) return null;
      const id = getPath(items[items.length - 1], strategy.cursorField);
      if (id === undefined || id === null) {
        throw new CliError(
          'cli_http',
          `the last item has no "${strategy.cursorField}" to continue from; set --cursor-field`,
          ExitCode.http,
        );
      }
      const next = new URL(options.url);
      next.searchParams.set(strategy.cursorParam, String(id));
      return next;
    }
  }
}

async function request(
  doFetch: typeof fetch,
  url: URL,
  options: HttpSourceOptions,
  hooks: SourceHooks,
): Promise<Response> {
  let failures = 0;
  for (;;) {
    hooks.signal.throwIfAborted();
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: 'application/json', ...options.headers },
        signal: hooks.signal,
      });
    } catch (error) {
      if (hooks.signal.aborted || failures >= options.retries) throw error;
      failures++;
      await sleep(backoff(failures), undefined, { signal: hooks.signal });
      continue;
    }
    if (response.ok) return response;
    if (response.status === 429) {
      const wait = rateLimitWaitMs(response.headers, Date.now());
      await response.body?.cancel();
      if (wait > options.maxWaitMs) {
        throw new CliError(
          'cli_rate_limited',
          `rate limited: the API asks to wait ${Math.ceil(wait / 1000)}s, more than --max-wait ${Math.round(options.maxWaitMs / 1000)}s`,
          ExitCode.rateLimited,
        );
      }
      hooks.onWait(Date.now() + wait);
      await sleep(wait, undefined, { signal: hooks.signal });
      hooks.onWaitEnd();
      continue;
    }
    if (response.status >= 500 && failures < options.retries) {
      await response.body?.cancel();
      failures++;
      await sleep(backoff(failures), undefined, { signal: hooks.signal });
      continue;
    }
    const detail = await apiMessage(response);
    const code = response.status === 401 || response.status === 403 ? ExitCode.auth : ExitCode.http;
    const what = code === ExitCode.auth ? 'authentication failed' : 'request failed';
    const hint = code === ExitCode.auth ? '; check --bearer / PAGEWISE_BEARER or --header' : '';
    throw new CliError(
      code === ExitCode.auth ? 'cli_auth' : 'cli_http',
      `${what}: HTTP ${response.status} from GET ${url.origin}${url.pathname}${detail}${hint}`,
      code,
    );
  }
}

/** 250 ms, 500 ms, 1 s, … capped at 8 s, with jitter so parallel shards do not retry in step. */
function backoff(attempt: number): number {
  const base = Math.min(8000, 250 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/** The API's own words, from any of the error bodies of WIRE.md (Zoom `message`, X `detail`). */
async function apiMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let message: unknown;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const errors = body['errors'];
    const first = Array.isArray(errors)
      ? (errors[0] as Record<string, unknown> | undefined)
      : undefined;
    message =
      body['message'] ?? first?.['message'] ?? body['detail'] ?? body['error'] ?? body['title'];
  } catch {
    message = text;
  }
  if (typeof message !== 'string' || message.trim() === '') return '';
  return `: ${message.replace(/\s+/g, ' ').trim().slice(0, 200)}`;
}
