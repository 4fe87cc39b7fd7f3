import { PagewiseError } from '../errors/index.js';

/** Error of a rate limiter misconfiguration. */
export class RateLimiterConfigError extends PagewiseError {
  constructor(message: string) {
    super('invalid_rate_limiter_options', message);
    this.name = 'RateLimiterConfigError';
  }
}
