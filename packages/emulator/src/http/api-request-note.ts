import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';

/** What the API pipeline learnt about one request (who sent it, which fault hit it), for the console. */
export interface ApiRequestNote {
  readonly principal: Principal;
  /** When admission began (`performance.now()`): a reset request has no reply to time it. */
  readonly startedAt: number;
  /** The injected fault that answered it, if any. */
  fault: 'error' | 'reset' | 'rate_limit' | null;
}

const notes = new WeakMap<FastifyRequest, ApiRequestNote>();

/** Starts the note of an API request once its bearer token resolved, and returns it to fill in. */
export function noteApiRequest(request: FastifyRequest, principal: Principal): ApiRequestNote {
  const note: ApiRequestNote = { principal, startedAt: performance.now(), fault: null };
  notes.set(request, note);
  return note;
}

/** The note of an API request; `undefined` before its token resolved, or for other routes. */
export function apiRequestNote(request: FastifyRequest): ApiRequestNote | undefined {
  return notes.get(request);
}
