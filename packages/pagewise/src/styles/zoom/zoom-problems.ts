import { truncateEcho } from '../query-input.js';
import type { StyleProblem, StyleResponse } from '../types.js';
import { ZOOM_JSON } from './zoom-envelope.js';
import { zoomRateLimitHeaders } from './zoom-rate-limit.js';

/**
 * Zoom's error `code` for "The next page token is invalid or expired." (WIRE.md
 * §1.4; Zoom uses the same code for other validation failures, so a reader
 * also looks for "token" in the message).
 */
export const ZOOM_INVALID_TOKEN_CODE = 300;

const NOT_FOUND: Readonly<Record<string, (id: string) => { code: number; message: string }>> = {
  user: (id) => ({ code: 1001, message: `User not exist: ${id}` }),
  // Not in WIRE.md: Zoom's usual wording for an unknown meeting (UNCONFIRMED).
  meeting: (id) => ({ code: 3001, message: `Meeting does not exist: ${id}.` }),
  // Dashboard meeting participants: the 404 of Zoom's Meeting API document (unknown, or not ended).
  dashboard_meeting: () => ({ code: 3001, message: 'Meeting ID is invalid or has not ended.' }),
  // Dashboard webinar participants: the 404 of Zoom's Meeting API document.
  webinar: () => ({
    code: 3001,
    message: "This webinar's detail info is not available or ID is not valid.",
  }),
};

function answer(status: number, body: unknown, extra: Record<string, string> = {}): StyleResponse {
  return { status, headers: { 'content-type': ZOOM_JSON, ...extra }, body };
}

/** Writes a failure as Zoom does: its status and a `{ code, message[, errors] }` body. */
export function formatZoomProblem(problem: StyleProblem): StyleResponse {
  switch (problem.kind) {
    case 'invalid_parameter':
      return answer(400, {
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: problem.param, message: problem.message ?? 'Invalid field.' }],
      });
    case 'invalid_token':
      return answer(400, {
        code: ZOOM_INVALID_TOKEN_CODE,
        message: 'The next page token is invalid or expired.',
      });
    case 'unauthorized':
      return answer(401, {
        code: 124,
        message:
          problem.reason === 'expired' ? 'Access token is expired.' : 'Invalid access token.',
      });
    case 'forbidden':
      return answer(403, {
        code: 4700,
        message: problem.message ?? 'Invalid access token, does not contain scopes.',
      });
    case 'not_found': {
      const id = truncateEcho(problem.id);
      const known = NOT_FOUND[problem.resource];
      return answer(
        404,
        known ? known(id) : { code: 404, message: `${problem.resource} not found: ${id}` },
      );
    }
    case 'route_not_found':
      return answer(404, {
        code: 404,
        message: `No API at ${problem.method} ${truncateEcho(problem.path)}.`,
      });
    case 'rate_limited':
      return answer(
        429,
        {
          code: 429,
          message:
            problem.state.kind === 'daily'
              ? 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.'
              : 'You have reached the maximum per-second rate limit for this API. Try again later.',
        },
        zoomRateLimitHeaders(problem.state),
      );
    case 'fault':
      return answer(problem.status, {
        code: problem.status,
        message: problem.message ?? 'The server could not answer, try again later.',
      });
    case 'internal':
      return answer(500, { code: 500, message: 'Internal server error.' });
  }
}
