import { Timestamp } from '../token/types.js';

/**
 * True for a {@link Timestamp}, also one from another copy of the package
 * (e.g. `dist/` next to `src/` in tests, or two installed versions), where
 * `instanceof` fails: the token codec accepts those too.
 */
export function isTimestamp(value: unknown): value is Timestamp {
  return (
    value instanceof Timestamp ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { text?: unknown }).text === 'string' &&
      value.constructor?.name === 'Timestamp')
  );
}
