import { PagewiseError } from '../errors/index.js';
import type { StyleProblem } from './types.js';

/**
 * A request that a style refuses, carrying the {@link StyleProblem} each
 * style knows how to write (its status and body). Thrown by `parseRequest`
 * for bad paging parameters, and free for route code to throw for its own
 * checks (`not_found`, a bad date), so every failure goes through one mapping.
 *
 * `code` is the problem's kind: `invalid_parameter`, `invalid_token`,
 * `unauthorized`, `forbidden`, `not_found`, `rate_limited`, `fault`, `route_not_found` or `internal`.
 *
 * @example
 * ```ts
 * throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: userId });
 * ```
 */
export class StyleProblemError extends PagewiseError {
  /** What went wrong, in style-neutral form. */
  readonly problem: StyleProblem;

  constructor(problem: StyleProblem, options?: { cause?: unknown }) {
    super(problem.kind, describeProblem(problem), options);
    this.name = 'StyleProblemError';
    this.problem = problem;
  }
}

/** True when `value` is a {@link StyleProblemError}, also across realms. */
export function isStyleProblemError(value: unknown): value is StyleProblemError {
  if (value instanceof StyleProblemError) return true;
  return (
    value instanceof Error &&
    value.name === 'StyleProblemError' &&
    typeof (value as { problem?: unknown }).problem === 'object'
  );
}

function describeProblem(problem: StyleProblem): string {
  switch (problem.kind) {
    case 'invalid_parameter':
      return (
        problem.message ??
        `Query parameter '${problem.param}' is invalid (${problem.fault}); fix it and retry.`
      );
    case 'invalid_token':
      return `The page token in '${problem.param}' is not valid (${problem.reason}); restart the walk without a token.`;
    case 'unauthorized':
      return `Unauthorized (${problem.reason} credentials); send a valid bearer token.`;
    case 'forbidden':
      if (problem.message !== undefined) return problem.message;
      return problem.unsupportedAuth === undefined
        ? 'Forbidden.'
        : `This endpoint does not accept ${problem.unsupportedAuth === 'app' ? 'app-only' : 'user'} tokens; call it with ${problem.unsupportedAuth === 'app' ? 'a user' : 'an app-only'} token.`;
    case 'not_found':
      return `No ${problem.resource} with id '${problem.id}'.`;
    case 'rate_limited':
      return 'Rate limit reached; wait for the window to reset.';
    case 'fault':
      return `The server answered HTTP ${problem.status}; retry later.`;
    case 'route_not_found':
      return `No endpoint at ${problem.method} ${problem.path}.`;
    case 'internal':
      return 'Internal error.';
  }
}
