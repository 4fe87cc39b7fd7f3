import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isTokenError, KeyRing, TokenCodec, TokenConfigError } from '../../src/token/index.js';
import { newKey } from './fixtures.js';

const binding = { scope: 'tenant', query: 'q' };
const cursor = { keys: [42n], direction: 'after', window: [] } as const;
const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (err) {
    return isTokenError(err) ? err.code : `other: ${String(err)}`;
  }
};
const keyIdOf = (token: string): string => {
  const bytes = Buffer.from(token, 'base64url');
  return bytes.toString('latin1', 2, 2 + bytes[1]!);
};

describe('key rotation', () => {
  it('a token sealed under the old key opens after a new key is added, and fails unknown_key once it is retired', () => {
    const oldKey = newKey();
    const ring = new KeyRing([{ id: 'old', key: oldKey }]);
    const codec = new TokenCodec({ keyRing: ring });
    const before = codec.seal(cursor, binding);
    expect(keyIdOf(before)).toBe('old');

    ring.addKey('new', newKey());
    expect(ring.newestId).toBe('new');
    expect(ring.ids).toEqual(['old', 'new']);
    const after = codec.seal(cursor, binding);
    expect(keyIdOf(after)).toBe('new'); // the newest key seals
    expect(codec.open(before, binding).keys).toEqual([42n]); // old tokens still open
    expect(codec.open(after, binding).keys).toEqual([42n]);

    ring.retireKey('old');
    expect(codeOf(() => codec.open(before, binding))).toBe('unknown_key');
    expect(codec.open(after, binding).keys).toEqual([42n]);
  });

  it('stages a key that opens but does not seal yet (step 1 of a rotation across replicas)', () => {
    const staged = newKey();
    const replicaA = new KeyRing([{ id: 'k1', key: newKey() }]);
    replicaA.addKey('k2', staged, { seal: false });
    expect(replicaA.ids).toEqual(['k2', 'k1']);
    expect(replicaA.newestId).toBe('k1');
    // Another replica already seals with k2: replica A opens its tokens.
    const replicaB = new TokenCodec({ keyRing: new KeyRing([{ id: 'k2', key: staged }]) });
    const token = replicaB.seal(cursor, binding);
    expect(new TokenCodec({ keyRing: replicaA }).open(token, binding).keys).toEqual([42n]);
  });

  it('retiring the sealing key hands sealing back to the previous key', () => {
    const ring = new KeyRing([
      { id: 'a', key: newKey() },
      { id: 'b', key: newKey() },
    ]);
    const codec = new TokenCodec({ keyRing: ring });
    ring.retireKey('b');
    expect(keyIdOf(codec.seal(cursor, binding))).toBe('a');
  });

  it('refuses bad keys and ids with TokenConfigError, without echoing key material', () => {
    const key = newKey();
    expect(() => new KeyRing([])).toThrow(TokenConfigError);
    expect(() => new KeyRing([{ id: 'k', key: key.subarray(0, 16) }])).toThrow(
      /32 random bytes.*got 16 bytes/,
    );
    expect(() => new KeyRing([{ id: 'bad id!', key }])).toThrow(TokenConfigError);
    expect(() => new KeyRing([{ id: 'x'.repeat(33), key }])).toThrow(TokenConfigError);
    expect(
      () =>
        new KeyRing([
          { id: 'a', key },
          { id: 'a', key: newKey() },
        ]),
    ).toThrow(/already in the key ring/);
    const dup = (): KeyRing =>
      new KeyRing([
        { id: 'a', key },
        { id: 'b', key: Buffer.from(key) },
      ]);
    expect(dup).toThrow(/same key material/);
    try {
      dup();
    } catch (err) {
      expect(String((err as Error).message)).not.toContain(key.toString('base64'));
      expect(String((err as Error).message)).not.toContain(key.toString('hex'));
    }
    const ring = new KeyRing([{ id: 'only', key }]);
    expect(() => ring.retireKey('only')).toThrow(/only key/);
    expect(() => ring.retireKey('nope')).toThrow(/not in the key ring/);
  });

  it('never shows key material in toString, JSON or util.inspect', () => {
    const key = newKey();
    const ring = new KeyRing([{ id: 'k1', key }]).addKey('k2', newKey());
    const codec = new TokenCodec({ keyRing: ring });
    for (const text of [
      String(ring),
      JSON.stringify(ring),
      inspect(ring, { depth: 10, showHidden: true }),
      inspect(codec, { depth: 10, showHidden: true }),
      JSON.stringify(codec),
    ]) {
      expect(text).not.toContain(key.toString('base64'));
      expect(text).not.toContain(key.toString('hex'));
      expect(text).not.toMatch(/[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/); // no Buffer dumps
    }
    expect(JSON.stringify(ring)).toBe('{"ids":["k1","k2"],"newest":"k2"}');
    expect(String(ring)).toBe('KeyRing(k1, k2; newest k2)');
  });
});
