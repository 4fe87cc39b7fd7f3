import { MalformedResponseError } from '../client-errors.js';
import type { StrategyContext } from '../strategy.js';

/** Builds the error a strategy throws on a response of the wrong shape. */
export function malformed(context: StrategyContext, reason: string): MalformedResponseError {
  return new MalformedResponseError(`${reason} (GET ${context.url.pathname})`, {
    cursor: context.cursor,
  });
}

/** Reads an optional string token: `undefined`/`null`/`""` mean "no more pages". */
export function readToken(context: StrategyContext, value: unknown, where: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    throw malformed(context, `${where} should be a string, got ${typeof value}`);
  }
  return value;
}
