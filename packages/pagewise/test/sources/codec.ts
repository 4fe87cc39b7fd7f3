import { randomBytes } from 'node:crypto';
import { KeyRing, TokenCodec } from '../../src/token/index.js';

/** A real token codec with a fresh random key, for tests. */
export function testCodec(now?: () => number): TokenCodec {
  return new TokenCodec({
    keyRing: new KeyRing([{ id: 't1', key: randomBytes(32) }]),
    ...(now ? { now } : {}),
  });
}
