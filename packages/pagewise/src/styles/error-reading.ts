import type { PageReading, RateLimitReading } from './types.js';

/**
 * The reading of an error answer: `ok: false`, no items, and the status
 * with the API's own code and message when the body had them (a message
 * that is not a string becomes `HTTP <status>`).
 */
export function errorReading<T>(
  status: number,
  rateLimit: RateLimitReading,
  message: unknown,
  code?: unknown,
): PageReading<T> {
  return {
    ok: false,
    items: [],
    done: false,
    rateLimit,
    error: {
      status,
      ...(typeof code === 'number' || typeof code === 'string' ? { code } : {}),
      message: typeof message === 'string' ? message : `HTTP ${status}`,
    },
  };
}
