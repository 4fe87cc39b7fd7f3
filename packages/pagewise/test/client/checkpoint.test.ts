import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Clock,
  GovernorRegistry,
  isAbortedError,
  isCheckpointError,
  isClientOptionsError,
  isCollectLimitError,
  MemoryCheckpointStore,
  type PaginateOptions,
  paginate,
  readCheckpoint,
} from '../../src/client/index.js';
import { FileCheckpointStore } from '../../src/client/node/index.js';
import { fakeFetch, manualClock, numbered } from './support/list-server.js';
import { zoomTokenHandler } from './support/shapes.js';

type Item = { id: string };
const URL_Z = 'https://z.test/v2/users?page_size=3';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function opts(extra: Partial<PaginateOptions<Item>>): PaginateOptions<Item> {
  return {
    preset: 'zoom',
    clock: manualClock(),
    governors: new GovernorRegistry(),
    fetch: fakeFetch(zoomTokenHandler(numbered(1, 10))),
    ...extra,
  };
}

describe('laziness and collect', () => {
  it('makes no request before the first next()', async () => {
    const fetch = fakeFetch(zoomTokenHandler(numbered(1, 10)));
    const paginator = paginate<Item>(URL_Z, opts({ fetch }));
    expect(fetch.calls).toHaveLength(0);
    const it = paginator[Symbol.asyncIterator]();
    await it.next();
    expect(fetch.calls).toHaveLength(1);
    await it.return?.();
  });

  it('an early break fetches nothing more', async () => {
    const fetch = fakeFetch(zoomTokenHandler(numbered(1, 10)));
    for await (const item of paginate<Item>(URL_Z, opts({ fetch }))) {
      if (item.id === '4') break;
    }
    expect(fetch.calls).toHaveLength(2);
  });

  it('pages() gives items, index, the cursor to resume from, and response meta', async () => {
    const fetch = fakeFetch((url, h) => {
      const reply = zoomTokenHandler(numbered(1, 5))(url, h) as { body: unknown };
      return { ...reply, headers: { 'x-zm-trackingid': 'trk-1' } };
    });
    const pages = [];
    for await (const page of paginate<Item>(URL_Z, opts({ fetch })).pages()) pages.push(page);
    expect(pages.map((p) => [p.index, p.items.length, p.cursor])).toEqual([
      [0, 3, { params: { next_page_token: 'o3' } }],
      [1, 2, null],
    ]);
    expect(pages[0]?.meta.status).toBe(200);
    expect(pages[0]?.meta.requestId).toBe('trk-1');
    expect(pages[1]?.request).toEqual({ params: { next_page_token: 'o3' } });
  });

  it('collect() needs a limit: throws past it, or truncates when asked', async () => {
    expect(await paginate<Item>(URL_Z, opts({})).collect({ limit: 10 })).toHaveLength(10);
    await expect(paginate<Item>(URL_Z, opts({})).collect({ limit: 9 })).rejects.toSatisfy(
      isCollectLimitError,
    );
    const first = await paginate<Item>(URL_Z, opts({})).collect({ limit: 4, truncate: true });
    expect(first.map((i) => i.id)).toEqual(['1', '2', '3', '4']);
  });
});

describe('checkpoints', () => {
  it('moves only after the consumer asked for the next page, and resumes after it', async () => {
    const store = new MemoryCheckpointStore();
    const checkpoint = { store, key: 'users' };
    const seen: string[] = [];
    for await (const page of paginate<Item>(URL_Z, opts({ checkpoint })).pages()) {
      seen.push(...page.items.map((i) => i.id));
      // Before asking for more, the checkpoint still points at this page.
      const saved = await store.load('users');
      if (page.index === 0) expect(saved).toBeUndefined();
      else expect(saved?.state.cursor).toEqual(page.request);
      if (page.index === 1) break; // page 1 processed but not acknowledged
    }
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6']);
    const rest: string[] = [];
    for await (const item of paginate<Item>(URL_Z, opts({ checkpoint, resume: true }))) {
      rest.push(item.id);
    }
    // Page 1 was not acknowledged, so it comes again: at-least-once for a consumer that breaks.
    expect(rest).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const done = await store.load('users');
    expect(done?.done).toBe(true);
    const again: string[] = [];
    for await (const item of paginate<Item>(URL_Z, opts({ checkpoint, resume: true }))) {
      again.push(item.id);
    }
    expect(again).toEqual([]);
  });

  it('saves the consumer note atomically with the state', async () => {
    const store = new MemoryCheckpointStore();
    let written = 0;
    const checkpoint = { store, key: 'k', note: () => ({ written }) };
    for await (const page of paginate<Item>(URL_Z, opts({ checkpoint })).pages()) {
      written += page.items.length;
    }
    expect((await readCheckpoint(store, 'k'))?.note).toEqual({ written: 10 });
  });

  it('refuses a checkpoint saved for another request', async () => {
    const store = new MemoryCheckpointStore();
    await paginate<Item>(URL_Z, opts({ checkpoint: { store, key: 'k' } })).collect({ limit: 10 });
    expect(await store.load('k')).toBeDefined();
    const other = paginate<Item>(`${URL_Z}&status=inactive`, {
      ...opts({ checkpoint: { store, key: 'k' } }),
      resume: true,
    });
    await expect(other.collect({ limit: 100 })).rejects.toSatisfy(isCheckpointError);
  });

  it('the file store writes atomically (no temp files left) and round-trips', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pagewise-cp-'));
    dirs.push(dir);
    const store = new FileCheckpointStore(dir);
    expect(await store.load('a/b')).toBeUndefined();
    for await (const _ of paginate<Item>(URL_Z, opts({ checkpoint: { store, key: 'a/b' } }))) {
      // drain
    }
    expect(await readdir(dir)).toEqual([`${encodeURIComponent('a/b')}.checkpoint.json`]);
    const saved = JSON.parse(await readFile(store.pathOf('a/b'), 'utf8'));
    expect(saved.done).toBe(true);
    await store.delete('a/b');
    expect(await store.load('a/b')).toBeUndefined();
  });

  it('the file store keeps a key in the file fileName names, and delete clears a killed save', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pagewise-cp-'));
    dirs.push(dir);
    const store = new FileCheckpointStore(dir, {
      fileName: () => 'out.jsonl.pagewise-checkpoint.json',
    });
    const state = { cursor: null, index: 3 };
    const checkpoint = { version: 1, fingerprint: 'f', state, done: true, savedAt: 'now' } as const;
    await store.save('any key', checkpoint);
    expect(await readdir(dir)).toEqual(['out.jsonl.pagewise-checkpoint.json']);
    expect(await store.load('another key')).toEqual(checkpoint);
    // A save killed between its write and its rename leaves a temp file beside the checkpoint.
    await writeFile(join(dir, 'out.jsonl.pagewise-checkpoint.json.123.abcd.tmp'), '{');
    await writeFile(join(dir, 'unrelated.tmp'), 'keep');
    await store.delete('any key');
    expect(await readdir(dir)).toEqual(['unrelated.tmp']);
    await store.delete('any key');
  });

  it('the file store refuses a fileName that is not a plain file name', async () => {
    const store = new FileCheckpointStore(tmpdir(), { fileName: (key) => `../${key}.json` });
    await expect(store.load('k')).rejects.toSatisfy(isClientOptionsError);
  });
});

describe('abort', () => {
  it('stops promptly during a wait and leaves the last acknowledged checkpoint', async () => {
    const store = new MemoryCheckpointStore();
    const controller = new AbortController();
    // A clock whose sleeps only end by abort: the walk is stuck in a rate-limit wait.
    const clock: Clock = {
      now: () => Date.UTC(2024, 0, 1),
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    };
    let call = 0;
    const inner = zoomTokenHandler(numbered(1, 10));
    const fetch = fakeFetch((url, h) => {
      call++;
      return call === 3 ? { status: 429, headers: { 'retry-after': '30' } } : inner(url, h);
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of paginate<Item>(
        URL_Z,
        opts({ fetch, clock, signal: controller.signal, checkpoint: { store, key: 'k' } }),
      ).pages()) {
        seen.push(...page.items.map((i) => i.id));
        if (page.index === 1) setImmediate(() => controller.abort());
      }
    })().catch((e: unknown) => e);
    expect(isAbortedError(error)).toBe(true);
    expect(isAbortedError(error) && error.cursor).toEqual({ params: { next_page_token: 'o6' } });
    const saved = await store.load('k');
    expect(saved?.state.cursor).toEqual({ params: { next_page_token: 'o6' } });
    const rest = await paginate<Item>(
      URL_Z,
      opts({ checkpoint: { store, key: 'k' }, resume: true }),
    ).collect({
      limit: 100,
    });
    expect([...seen, ...rest.map((i) => i.id)]).toEqual(numbered(1, 10).map((i) => i.id));
  });

  it('an already aborted signal makes no request', async () => {
    const fetch = fakeFetch(zoomTokenHandler(numbered(1, 10)));
    const error = await paginate<Item>(URL_Z, opts({ fetch, signal: AbortSignal.abort() }))
      .collect({ limit: 100 })
      .catch((e: unknown) => e);
    expect(isAbortedError(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });
});
