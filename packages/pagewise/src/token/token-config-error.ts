import { PagewiseError } from '../errors/pagewise-error.js';

/**
 * Thrown when the token configuration is unusable: a bad `PAGEWISE_TOKEN_KEYS`
 * entry, a key of the wrong size, a duplicate key id, an invalid codec
 * option. The message names the entry and the id, never the key material.
 */
export class TokenConfigError extends PagewiseError {
  declare readonly code: 'invalid_token_config';

  constructor(message: string) {
    super('invalid_token_config', message);
    this.name = 'TokenConfigError';
  }
}
