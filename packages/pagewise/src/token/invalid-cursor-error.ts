import { PagewiseError } from '../errors/pagewise-error.js';

/**
 * Thrown by {@link TokenCodec.seal} when a cursor cannot be sealed: a value
 * of an unsupported type, a non-finite number, or a cursor too large for a
 * token. This is a server-side bug (HTTP 500), unlike {@link TokenError}.
 */
export class InvalidCursorError extends PagewiseError {
  declare readonly code: 'invalid_cursor';

  constructor(message: string) {
    super('invalid_cursor', message);
    this.name = 'InvalidCursorError';
  }
}
