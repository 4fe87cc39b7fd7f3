import { describe, expect, it } from 'vitest';
import {
  isTokenError,
  KeyRing,
  type PageCursor,
  Timestamp,
  TOKEN_ERROR_CODES,
  TokenCodec,
  type TokenErrorCode,
} from '../../src/token/index.js';
import { newKey, prng } from './fixtures.js';

/**
 * At least 100,000 mutated or foreign tokens (raise with PAGEWISE_FUZZ_RUNS):
 * every one must be refused with the code the format implies, none accepted,
 * and nothing but a TokenError thrown.
 */
const TOTAL = Math.max(100_000, Number(process.env['PAGEWISE_FUZZ_RUNS'] ?? 0) || 0);
const SEED = Number(process.env['PAGEWISE_FUZZ_SEED'] ?? 20_240_301);

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);
const TTL = 900;
const SKEW = 30;
let clock = T0;
const now = (): number => clock;

const key1 = newKey();
const key2 = newKey();
const retiredKey = newKey();
// The ring under test: k1 (old) and k2 (sealing); 'k0' was retired.
const ring = new KeyRing([
  { id: 'k0', key: retiredKey },
  { id: 'k1', key: key1 },
  { id: 'k2', key: key2 },
]).retireKey('k0');
const codec = new TokenCodec({ keyRing: ring, ttlSeconds: TTL, clockSkewSeconds: SKEW, now });
const oldCodec = new TokenCodec({ keyRing: new KeyRing([{ id: 'k1', key: key1 }]), now });
const retiredCodec = new TokenCodec({ keyRing: new KeyRing([{ id: 'k0', key: retiredKey }]), now });
// Same id as a real key, different material: someone else's deployment.
const foreignSameId = new TokenCodec({ keyRing: new KeyRing([{ id: 'k2', key: newKey() }]), now });
const foreignOtherId = new TokenCodec({ keyRing: new KeyRing([{ id: 'zz', key: newKey() }]), now });

const binding = { scope: 'tenant-42', query: 'fp-of-GET-/2/users/:id/tweets' };

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const NONCE = 12;
const TAG = 16;
const MIN_PLAINTEXT = 19;

/**
 * The code the token format (docs/token.md) implies for a string that
 * is not an untouched token. `valid` is the set of untouched tokens.
 */
function expectedCode(token: string, valid: ReadonlySet<string>): TokenErrorCode | 'valid' {
  if (valid.has(token)) return 'valid';
  if (token.length === 0 || token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token))
    return 'malformed';
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.toString('base64url') !== token) return 'malformed';
  if (bytes[0] !== 1) return 'unsupported_version';
  const idLength = bytes[1] ?? 0;
  if (idLength < 1 || idLength > 32 || bytes.length < 2 + idLength + NONCE + MIN_PLAINTEXT + TAG)
    return 'malformed';
  const id = bytes.toString('latin1', 2, 2 + idLength);
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return 'malformed';
  if (!ring.has(id)) return 'unknown_key';
  return 'tampered';
}

describe('opening mutated and foreign tokens', () => {
  it(`refuses ${TOTAL.toLocaleString('en-US')} bad tokens with the right code and nothing else`, () => {
    const rand = prng(SEED);
    const int = (n: number): number => Math.floor(rand() * n);
    clock = T0;

    const cursors: PageCursor[] = Array.from({ length: 64 }, (_, i) => ({
      keys:
        i % 4 === 0
          ? [
              new Timestamp(`2024-03-01 12:00:${String(i % 60).padStart(2, '0')}.123456+00`),
              BigInt(i) * 2n ** 60n,
            ]
          : i % 4 === 1
            ? [`name-${i}-é😀`, i, i % 2 === 0, null]
            : i % 4 === 2
              ? [new Timestamp('2024-03-01T12:00:00.123Z'), -BigInt(i) * 10n ** 30n]
              : [1.5 * i],
      direction: i % 2 === 0 ? 'after' : 'before',
      window: i % 3 === 0 ? [new Timestamp('2024-01-01T00:00:00Z'), 'x'.repeat(i)] : [],
    }));
    const tokens = cursors.map((c, i) => (i % 5 === 0 ? oldCodec : codec).seal(c, binding));
    const valid = new Set(tokens);
    const byteTokens = tokens.map((t) => Buffer.from(t, 'base64url'));

    const counts = new Map<string, number>();
    const failures: string[] = [];
    let checked = 0;

    const check = (token: string, expected: TokenErrorCode, kind: string, b = binding): void => {
      checked++;
      let outcome: string;
      try {
        codec.open(token, b);
        outcome = 'ACCEPTED';
      } catch (err) {
        outcome = isTokenError(err) ? err.code : `threw ${String(err)}`;
      }
      counts.set(`${kind}:${outcome}`, (counts.get(`${kind}:${outcome}`) ?? 0) + 1);
      if (outcome !== expected && failures.length < 20) {
        failures.push(
          `${kind}: expected ${expected}, got ${outcome} for ${JSON.stringify(token.slice(0, 120))}`,
        );
      }
    };
    /** Checks a mutation against the format's verdict; mutations that changed nothing are skipped. */
    const checkMutation = (token: string, kind: string): void => {
      const expected = expectedCode(token, valid);
      if (expected === 'valid') return;
      check(token, expected, kind);
    };

    const share = (part: number): number => Math.ceil((TOTAL * part) / 100);
    const pick = (): number => int(tokens.length);

    // 1. Bit flips (1-3 bits anywhere, header included).
    for (let n = 0; n < share(30); n++) {
      const bytes = Buffer.from(byteTokens[pick()]!);
      for (let f = 1 + int(3); f > 0; f--) bytes[int(bytes.length)]! ^= 1 << int(8);
      checkMutation(bytes.toString('base64url'), 'bitflip');
    }
    // 2. Random byte values at random places.
    for (let n = 0; n < share(8); n++) {
      const bytes = Buffer.from(byteTokens[pick()]!);
      bytes[int(bytes.length)] = int(256);
      checkMutation(bytes.toString('base64url'), 'byte');
    }
    // 3. Truncations and extensions, in bytes and in characters.
    for (let n = 0; n < share(12); n++) {
      const i = pick();
      const bytes = byteTokens[i]!;
      const t = tokens[i]!;
      switch (n % 4) {
        case 0:
          checkMutation(bytes.subarray(0, int(bytes.length)).toString('base64url'), 'truncate');
          break;
        case 1:
          checkMutation(
            Buffer.concat([
              bytes,
              Buffer.from(Array.from({ length: 1 + int(8) }, () => int(256))),
            ]).toString('base64url'),
            'extend',
          );
          break;
        case 2:
          checkMutation(t.slice(0, int(t.length)), 'truncate-chars');
          break;
        default:
          checkMutation(t + B64URL.slice(0, 1 + int(6)), 'extend-chars');
      }
    }
    // 4. Swapped segments: within a token, and header/nonce/body/tag spliced from two tokens.
    for (let n = 0; n < share(10); n++) {
      const a = byteTokens[pick()]!;
      const b = byteTokens[pick()]!;
      if (n % 2 === 0) {
        const bytes = Buffer.from(a);
        const len = 1 + int(8);
        const p = int(bytes.length - len);
        const q = int(bytes.length - len);
        const tmp = Buffer.from(bytes.subarray(p, p + len));
        bytes.copy(bytes, p, q, q + len);
        tmp.copy(bytes, q);
        checkMutation(bytes.toString('base64url'), 'swap');
      } else {
        const cut = 1 + int(Math.min(a.length, b.length) - 1);
        checkMutation(
          Buffer.concat([a.subarray(0, cut), b.subarray(cut)]).toString('base64url'),
          'splice',
        );
      }
    }
    // 5. Character edits: replace, insert, delete one character.
    for (let n = 0; n < share(10); n++) {
      const t = tokens[pick()]!;
      const p = int(t.length);
      const c = B64URL[int(64)]!;
      const edited =
        n % 3 === 0
          ? t.slice(0, p) + c + t.slice(p + 1)
          : n % 3 === 1
            ? t.slice(0, p) + c + t.slice(p)
            : t.slice(0, p) + t.slice(p + 1);
      checkMutation(edited, 'char-edit');
    }
    // 6. Random base64url strings, random bytes that look like our header, and arbitrary strings.
    for (let n = 0; n < share(15); n++) {
      if (n % 3 === 0) {
        const len = n % 30 === 0 ? 2040 + int(20) : int(200);
        let s = '';
        for (let i = 0; i < len; i++) s += B64URL[int(64)];
        checkMutation(s, 'random-b64url');
      } else if (n % 3 === 1) {
        const body = Buffer.from(Array.from({ length: int(120) }, () => int(256)));
        const header = Buffer.from([1, 2, 0x6b, 0x31 + int(2)]); // version 1, "k1"/"k2"
        checkMutation(Buffer.concat([header, body]).toString('base64url'), 'random-body');
      } else {
        let s = '';
        for (let i = int(n % 50 === 0 ? 5000 : 150); i > 0; i--)
          s += String.fromCharCode(int(0x10000));
        checkMutation(s, 'random-string');
      }
    }
    // 7. Genuine tokens used the wrong way: retired key, foreign keys, other scope, other query, expired.
    for (let n = 0; n < share(15); n++) {
      const cursor = cursors[int(cursors.length)]!;
      switch (n % 7) {
        case 0:
          check(retiredCodec.seal(cursor, binding), 'unknown_key', 'retired-key');
          break;
        case 1:
          check(foreignSameId.seal(cursor, binding), 'tampered', 'foreign-key-same-id');
          break;
        case 2:
          check(foreignOtherId.seal(cursor, binding), 'unknown_key', 'foreign-key-other-id');
          break;
        case 3:
          check(
            codec.seal(cursor, { ...binding, scope: `tenant-${int(1000)}x` }),
            'wrong_scope',
            'other-scope',
          );
          break;
        case 4:
          check(
            codec.seal(cursor, { ...binding, query: `fp-${int(1000)}` }),
            'wrong_query',
            'other-query',
          );
          break;
        case 5: {
          // Sealed in the past, opened just beyond TTL + skew (or much later).
          clock = T0 - (TTL + SKEW + 1 + (n % 2 === 0 ? 0 : int(10_000_000))) * 1000;
          const old = codec.seal(cursor, binding);
          clock = T0;
          check(old, 'expired', 'expired');
          break;
        }
        default: {
          // Sealed by a replica whose clock runs ahead by more than the skew.
          clock = T0 + (SKEW + 2 + int(100_000)) * 1000;
          const future = codec.seal(cursor, binding);
          clock = T0;
          check(future, 'expired', 'future');
        }
      }
    }

    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(TOTAL * 0.99);
    // Every mutation family and every code was actually exercised.
    const codesSeen = new Set([...counts.keys()].map((k) => k.split(':')[1]));
    expect([...codesSeen].sort()).toEqual([...TOKEN_ERROR_CODES].sort());
    // Untouched tokens still open (the harness itself is sound).
    for (const t of tokens) expect(codec.open(t, binding).keys.length).toBeGreaterThan(0);
  });
});
