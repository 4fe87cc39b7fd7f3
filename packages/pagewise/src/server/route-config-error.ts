import { PagewiseError } from '../errors/index.js';

/**
 * A server route was given options that cannot work together (e.g.
 * `serializeWithSchema` without an `itemSchema`). Thrown when the route is
 * built, at start-up, never per request. `code` is `invalid_route_options`.
 */
export class RouteConfigError extends PagewiseError {
  constructor(message: string) {
    super('invalid_route_options', message);
    this.name = 'RouteConfigError';
  }
}
