import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { governorKey } from '../../src/client/governor-registry.js';
import { normalizePaginate } from '../../src/client/normalize-options.js';
import type { PaginateOptions } from '../../src/client/paginate-options.js';
import { presets } from '../../src/client/presets.js';
import { base64Url, sha256, sha256Base64Url } from '../../src/client/sha256.js';

// The client hashes without node:crypto (it runs in browsers), yet checkpoints
// saved by earlier versions must still resume: every digest must equal Node's.
const nodeSha = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

// Strings of any UTF-16 code units, lone surrogates included.
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 })
  .map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  codeUnits,
);

describe('sha256', () => {
  it('known answers (FIPS 180-4 examples)', () => {
    expect(Buffer.from(sha256(new Uint8Array())).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('equals node:crypto for every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 260; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 255);
      expect(Buffer.from(sha256(data)), `length ${length}`).toEqual(nodeSha(data));
    }
  });

  it('equals node:crypto on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (data) => {
        expect(Buffer.from(sha256(data))).toEqual(nodeSha(data));
      }),
      { numRuns: 300 },
    );
  });

  it('base64url of strings (astral, non-ASCII, lone surrogates) equals node:crypto', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(sha256Base64Url(text)).toBe(nodeSha(text).toString('base64url'));
      }),
      { numRuns: 500 },
    );
  });

  it('base64Url encodes every length like Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (data) => {
        expect(base64Url(data)).toBe(Buffer.from(data).toString('base64url'));
      }),
    );
  });
});

// The derivations exactly as the previous version wrote them with node:crypto.
function oldFingerprint(url: URL, strategyName: string, shards: unknown): string {
  const sorted = new URL(url);
  sorted.searchParams.sort();
  return createHash('sha256')
    .update(JSON.stringify([sorted.href, strategyName, shards ?? null]))
    .digest('base64url');
}
function oldGovernorKey(url: URL, authorization: string | null): string {
  const digest =
    authorization === null
      ? '-'
      : createHash('sha256').update(authorization).digest('base64url').slice(0, 22);
  return `${url.origin} ${digest}`;
}

const params = fc.array(fc.tuple(anyText, anyText), { maxLength: 5 });
const presetName = fc.constantFrom(undefined, 'zoom', 'x', 'github', 'zoom-pages' as const);

describe('keys derived from the digests stay what earlier versions saved', () => {
  it('a pinned checkpoint fingerprint', () => {
    const resolved = normalizePaginate('https://api.zoom.us/v2/users?status=active&page_size=300', {
      preset: 'zoom',
    });
    expect(resolved.fingerprint).toBe('xarpuWhdMMNUD5y-61nzsY6NpRlr3c-9HMXkD-yRw24');
  });

  it('checkpoint fingerprints equal the node:crypto derivation', () => {
    const shards = fc.option(
      fc.array(fc.dictionary(anyText, anyText, { maxKeys: 3 }), { minLength: 1, maxLength: 3 }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.webUrl(), params, presetName, shards, (base, query, preset, shardList) => {
        const url = new URL(base);
        for (const [name, value] of query) url.searchParams.append(name, value);
        const options: PaginateOptions = {
          ...(preset === undefined ? {} : { preset }),
          ...(shardList === undefined ? {} : { shards: shardList }),
        };
        const strategy = preset === undefined ? 'auto' : presets[preset].strategy.name;
        expect(normalizePaginate(url.href, options).fingerprint).toBe(
          oldFingerprint(url, strategy, shardList),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('governor keys equal the node:crypto derivation', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.option(anyText, { nil: null }), (base, authorization) => {
        const url = new URL(base);
        expect(governorKey(url, authorization)).toBe(oldGovernorKey(url, authorization));
      }),
      { numRuns: 300 },
    );
    expect(governorKey(new URL('https://x.test/a'), 'Bearer é😀')).toBe(
      'https://x.test gjSD6kPRdu8EvG83zZdhUw',
    );
  });
});
