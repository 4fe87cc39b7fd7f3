import { createContext, runInContext } from 'node:vm';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBundle, bundleForBrowser } from '../../bench/lib/browser-bundle.js';

// pagewise/client must run wherever `fetch` exists. esbuild bundles it for the
// browser platform, where no Node builtin resolves, and the bundle then walks
// a list inside a V8 context that holds only what browsers have.

let bundle: Extract<BrowserBundle, { ok: true }>;
beforeAll(async () => {
  const result = await bundleForBrowser('pagewise/client');
  if (!result.ok) throw new Error(`pagewise/client needs ${result.unresolved.join(', ')}`);
  bundle = result;
});

/** Globals a browser page (or worker) has, taken from Node where both have them. */
function browserGlobals(fetch: (input: string | URL, init?: RequestInit) => Promise<Response>) {
  return {
    fetch,
    URL,
    URLSearchParams,
    Headers,
    Request,
    Response,
    AbortController,
    AbortSignal,
    Event,
    EventTarget,
    DOMException,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    atob,
    btoa,
    crypto,
    console,
  };
}

/** A Zoom-style list of `total` users served `page_size` at a time, recording each request. */
function zoomUsers(total: number) {
  const requests: { url: string; authorization: string | null }[] = [];
  const fetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    requests.push({
      url: url.href,
      authorization: new Headers(init?.headers).get('authorization'),
    });
    const size = Number(url.searchParams.get('page_size') ?? 30);
    const start = Number(url.searchParams.get('next_page_token') || 0);
    const users = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({
      id: `u${start + i + 1}`,
    }));
    const next = start + size < total ? String(start + size) : '';
    const body = { page_size: size, total_records: total, next_page_token: next, users };
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, requests };
}

describe('pagewise/client bundled for the browser (esbuild, platform browser, ESM)', () => {
  it('reaches no Node builtin and leaves no import outside the bundle', () => {
    expect(bundle.externals).toEqual([]);
    expect(bundle.inputs.some((i) => i.includes('packages/pagewise/dist/client/'))).toBe(true);
    expect(bundle.inputs.filter((i) => i.startsWith('node:') || !i.includes('pagewise'))).toEqual(
      [],
    );
    expect(bundle.code).not.toMatch(/["']node:/);
    // Node-only globals, by name (minification keeps global names).
    for (const name of ['require', 'process', 'Buffer', 'setImmediate', '__dirname', 'global']) {
      expect(bundle.code, name).not.toMatch(new RegExp(`(?<![\\w$.])${name}(?![\\w$])`));
    }
  });

  it('evaluates and walks a list with an injected fetch in a context without require, process or Buffer', async () => {
    // vm runs scripts; esbuild turns the same ES module into one (an IIFE behind a global name).
    const script = await transform(bundle.code, { format: 'iife', globalName: 'pagewise' });
    const { fetch, requests } = zoomUsers(7);
    const context = createContext(browserGlobals(fetch));
    runInContext(script.code, context);
    const result = (await runInContext(
      `(async () => {
        const missing = ['require', 'process', 'Buffer', 'setImmediate', 'module', 'global']
          .filter((name) => typeof globalThis[name] !== 'undefined');
        const store = new pagewise.MemoryCheckpointStore();
        const ids = [];
        const paginator = pagewise.paginate('https://api.example.test/v2/users?page_size=3', {
          preset: 'zoom',
          headers: { authorization: 'Bearer browser-token' },
          checkpoint: { store, key: 'users' },
          signal: new AbortController().signal,
        });
        for await (const user of paginator) ids.push(user.id);
        const saved = await store.load('users');
        return { missing, ids, done: saved.done, fingerprint: saved.fingerprint };
      })()`,
      context,
    )) as { missing: string[]; ids: string[]; done: boolean; fingerprint: string };
    expect(result.missing).toEqual([]);
    expect(result.ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    expect(result.done).toBe(true);
    expect(result.fingerprint).toMatch(/^[\w-]{43}$/);
    expect(requests.map((r) => new URL(r.url).searchParams.get('next_page_token'))).toEqual([
      null,
      '3',
      '6',
    ]);
    expect(requests.every((r) => r.authorization === 'Bearer browser-token')).toBe(true);
  });
});
