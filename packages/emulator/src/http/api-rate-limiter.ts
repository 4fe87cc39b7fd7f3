import { createRateLimiter, type RateLimiter, type RateLimitStore } from 'pagewise/fastify';
import { X_WINDOW_MS } from 'pagewise/styles';
import type { RateLimitMode } from '../emulator-options.js';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

/**
 * The emulator's rate limiter: the server part's limiter, one per process,
 * counting the styles' own quotas (Zoom's Pro plan, X's app limits) per
 * principal. In `scaled` mode every window but the per-second one is divided
 * by `scale` (X's 15 minutes become 15 s at the default 60), so a 429 and its
 * reset can be seen in a test.
 */
export function createApiRateLimiter(
  mode: RateLimitMode,
  scale: number,
  now: () => number,
  store?: RateLimitStore,
): RateLimiter {
  return createRateLimiter({
    mode,
    now,
    ...(store ? { store } : {}),
    ...(mode === 'scaled'
      ? {
          windowMs: {
            qps: SECOND,
            window: Math.max(1, Math.round(X_WINDOW_MS / scale)),
            daily: Math.max(1, Math.round(DAY / scale)),
          },
        }
      : {}),
  });
}
