import { describe, expect, it } from 'vitest';
import { type CpuProfile, ownGroup, summarizeProfile } from '../../bench/lib/cpu-profile.js';
import { type HeapProfileNode, summarizeHeapProfile } from '../../bench/lib/heap-profile.js';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
  children,
});

describe('bench CPU profile groups', () => {
  it('groups frames by where their code lives', () => {
    const pw = 'file:///repo/packages/pagewise/dist';
    expect(ownGroup('seal', `${pw}/token/token-codec.js`)).toBe('token crypto');
    expect(ownGroup('fetch', `${pw}/sources/kysely/kysely-source.js`)).toBe(
      'Kysely build + compile',
    );
    expect(ownGroup('all', `${pw}/sources/kysely/sqlite-statement-cache.js`)).toBe('driver');
    expect(ownGroup('serializeBody', `${pw}/server/serialize-body.js`)).toBe('serialization');
    expect(ownGroup('respond', `${pw}/server/page-responder.js`)).toBe(
      'pagewise engine/style/adapter',
    );
    expect(ownGroup('visitNode', 'file:///repo/node_modules/kysely/dist/esm/x.js')).toBe(
      'Kysely build + compile',
    );
    expect(ownGroup('query', 'file:///repo/node_modules/pg/lib/client.js')).toBe('driver');
    expect(ownGroup('send', 'file:///repo/node_modules/fastify/lib/reply.js')).toBe('Fastify');
    expect(ownGroup('tweetItem', 'file:///repo/packages/emulator/dist/x/x-fields.js')).toBe(
      'row shaping',
    );
    expect(ownGroup('all', 'file:///repo/bench/hand-written/queries.ts')).toBe('driver');
    expect(ownGroup('stringify', '')).toBe('serialization');
    expect(ownGroup('(garbage collector)', '')).toBe('GC');
    // Natives and Node internals have no home of their own: they count for their caller.
    expect(ownGroup('initiv', '')).toBeUndefined();
  });

  it("counts a native's samples for its nearest grouped caller, sockets for Node's HTTP stack, idle for nothing", () => {
    const pw = 'file:///repo/packages/pagewise/dist';
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)', '', [2, 5, 7, 8]),
        frame(2, 'seal', `${pw}/token/token-codec.js`, [3]),
        frame(3, 'Cipheriv', 'node:internal/crypto/cipher', [4]),
        frame(4, 'initiv', ''),
        frame(5, 'onStreamRead', 'node:internal/stream_base_commons', [6]),
        frame(6, 'writev', ''),
        frame(7, '(idle)', ''),
        frame(8, 'all', 'file:///repo/bench/hand-written/queries.ts', [9]),
        frame(9, 'onwrite', 'node:net'),
      ],
      startTime: 0,
      endTime: 1000,
      // Each sample's time is the delta to the next sample.
      samples: [4, 3, 6, 7, 9, 2],
      timeDeltas: [0, 100, 50, 30, 500, 20, 0],
    };
    const s = summarizeProfile(profile);
    expect(s.groups['token crypto']).toBe(100 + 50 + 0);
    expect(s.groups['Node HTTP/net']).toBe(30);
    expect(s.groups.driver).toBe(20);
    expect(s.busyUs).toBe(200);
    expect(s.top[0]).toMatchObject({ name: 'initiv', group: 'token crypto', us: 100 });
  });
});

describe('bench heap profile summary', () => {
  it('adds up sampled bytes per allocating function, most first', () => {
    const node = (
      functionName: string,
      url: string,
      selfSize: number,
      children: unknown[] = [],
    ) => ({
      callFrame: { functionName, url, lineNumber: 9 },
      selfSize,
      children,
    });
    const s = summarizeHeapProfile({
      head: node('(root)', '', 0, [
        node(
          'sendStyleResponse',
          'file:///r/packages/pagewise/dist/server/fastify-page-route.js',
          300,
          [node('from', 'node:buffer', 50)],
        ),
        node('parseRow', 'file:///r/node_modules/pg/lib/result.js', 100),
        node(
          'sendStyleResponse',
          'file:///r/packages/pagewise/dist/server/fastify-page-route.js',
          200,
        ),
      ]) as HeapProfileNode,
    });
    expect(s.totalBytes).toBe(650);
    expect(s.top[0]).toEqual({
      name: 'sendStyleResponse',
      where: 'packages/pagewise/dist/server/fastify-page-route.js:10',
      bytes: 500,
    });
    expect(s.top.map((t) => t.bytes)).toEqual([500, 100, 50]);
  });
});
