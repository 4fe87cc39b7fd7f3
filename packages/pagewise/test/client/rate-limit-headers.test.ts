import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../src/client/index.js';

const NOW = Date.UTC(2024, 0, 1);

describe('readRateLimit: any API, every known header format', () => {
  it("prefers X's x-rate-limit-*, then GitHub's x-ratelimit-*, then the IETF RateLimit-*", () => {
    const all = new Headers({
      'x-rate-limit-limit': '450',
      'x-ratelimit-limit': '60',
      'ratelimit-limit': '10',
      'x-ratelimit-remaining': '7',
      'ratelimit-remaining': '3',
      'ratelimit-reset': '20',
    });
    expect(readRateLimit(all, NOW)).toEqual({
      limit: 450,
      remaining: 7,
      resetAt: NOW + 20_000,
      daily: false,
    });
  });

  it('reads a reset as epoch seconds, seconds from now, or epoch milliseconds by its size', () => {
    const reset = (value: string) =>
      readRateLimit(new Headers({ 'x-ratelimit-reset': value }), NOW).resetAt;
    expect(reset('1705420800')).toBe(1_705_420_800_000);
    expect(reset('30')).toBe(NOW + 30_000);
    expect(reset('1705420800000')).toBe(1_705_420_800_000);
  });

  it("reads Retry-After (seconds or a date) and Zoom's daily type, never X's reset as a retry time", () => {
    const info = readRateLimit(
      new Headers({
        'retry-after': '2.5',
        'x-ratelimit-type': 'Daily-limit',
        'x-rate-limit-reset': '1705420800',
      }),
      NOW,
    );
    expect(info).toEqual({ resetAt: 1_705_420_800_000, retryAt: NOW + 2500, daily: true });
    expect(readRateLimit(new Headers(), NOW)).toEqual({ daily: false });
  });
});
