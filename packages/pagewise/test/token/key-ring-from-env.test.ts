import { describe, expect, it } from 'vitest';
import {
  generateKeySpec,
  KeyRing,
  keyRingFromEnv,
  TokenCodec,
  TokenConfigError,
} from '../../src/token/index.js';

const b64 = (n: number, fill = 7): string => Buffer.alloc(n, fill).toString('base64');

describe('keys from PAGEWISE_TOKEN_KEYS', () => {
  it('reads id:base64key entries, oldest first, the last one sealing', () => {
    const [a, b] = [generateKeySpec('k1'), generateKeySpec('k2')];
    const ring = keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: ` ${a} ,\n ${b} ` });
    expect(ring.ids).toEqual(['k1', 'k2']);
    expect(ring.newestId).toBe('k2');
    // The same configuration on two replicas: tokens are shared.
    const binding = { scope: 's', query: 'q' };
    const token = new TokenCodec({ keyRing: ring }).seal(
      { keys: [1], direction: 'after', window: [] },
      binding,
    );
    const other = keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: `${a},${b}` });
    expect(new TokenCodec({ keyRing: other }).open(token, binding).keys).toEqual([1]);
  });

  it('accepts URL-safe base64 too', () => {
    const key = Buffer.alloc(32, 0xfb);
    const ring = keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: `u:${key.toString('base64url')}` });
    expect(ring.ids).toEqual(['u']);
  });

  it('generateKeySpec makes distinct, valid entries with short default ids', () => {
    const specs = [generateKeySpec(), generateKeySpec('custom.id-1')];
    expect(specs[0]).toMatch(/^k[0-9a-z]{1,8}:[A-Za-z0-9+/]{43}=$/);
    expect(specs[1]!.startsWith('custom.id-1:')).toBe(true);
    expect(specs[0]!.split(':')[1]).not.toBe(specs[1]!.split(':')[1]);
    expect(() => generateKeySpec('bad id')).toThrow(TokenConfigError);
  });

  it('refuses bad configuration with a clear message that never contains key material', () => {
    const secret = b64(31, 0x5a); // one byte short
    const cases: Array<[string, RegExp]> = [
      [`k1:${secret}`, /entry 1 of 1 \(id 'k1'\).*32 bytes.*got 31/],
      [secret, /entry 1 of 1 has no ':'/],
      [`k1:${b64(32)},`, /entry 2 of 2 is empty/],
      [`k1:${b64(32)},k1:${b64(32, 8)}`, /'k1' is already in the key ring/],
      [`k1:${b64(32)},k2:${b64(32)}`, /same key material/],
      [`bad id:${b64(32)}`, /invalid key id/],
      [`k1:not*base64${secret}`, /not valid base64/],
      [`k1:${b64(64)}`, /got 64/],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: value });
      } catch (err) {
        error = err;
      }
      expect(error, value).toBeInstanceOf(TokenConfigError);
      const text = `${(error as Error).message} ${String(error)} ${JSON.stringify(error)}`;
      expect(text).toMatch(message);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 12));
      expect(text).not.toContain(b64(32).slice(0, 12));
    }
  });

  it('without configuration, generates a process key and warns once; refuses in production', () => {
    const warnings: string[] = [];
    const warn = (m: string): void => {
      warnings.push(m);
    };
    const a = keyRingFromEnv({}, { warn });
    const b = keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: '  ' }, { warn });
    expect(a).toBeInstanceOf(KeyRing);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/PAGEWISE_TOKEN_KEYS is not set.*this process only/);
    // Both rings share the process key: tokens sealed by one open with the other.
    const binding = { scope: 's', query: 'q' };
    const token = new TokenCodec({ keyRing: a }).seal(
      { keys: ['x'], direction: 'after', window: [] },
      binding,
    );
    expect(new TokenCodec({ keyRing: b }).open(token, binding).keys).toEqual(['x']);

    expect(() => keyRingFromEnv({ NODE_ENV: 'production' }, { warn })).toThrow(
      /not set.*production/,
    );
    expect(() => keyRingFromEnv({}, { warn, allowEphemeral: false })).toThrow(TokenConfigError);
    expect(keyRingFromEnv({ NODE_ENV: 'production' }, { warn, allowEphemeral: true }).ids).toEqual([
      'dev',
    ]);
  });
});
