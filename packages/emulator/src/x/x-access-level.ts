import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiRequestNote } from '../http/api-request-note.js';

/** `x-access-level` on answers to an app (Bearer) token: recorded as `read` (tweepy cassette `test_client_search_all_tweets.yaml`). */
export const X_APP_ACCESS_LEVEL = 'read';
/**
 * `x-access-level` on answers to a user token: recorded as
 * `read-write-directmessages` (tweepy cassette
 * `test_client_get_home_timeline.yaml`, and other recorded responses).
 */
export const X_USER_ACCESS_LEVEL = 'read-write-directmessages';

/**
 * The `onSend` hook of every X route: `x-access-level` on every answer to a
 * request whose bearer token resolved (pages, lookups, 400s, 403s, 429s),
 * by the kind of token. A request without a valid token (401) has no
 * access level.
 */
export async function xAccessLevelHook(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const principal = apiRequestNote(request)?.principal;
  if (principal !== undefined) {
    reply.header(
      'x-access-level',
      principal.xAuth === 'user' ? X_USER_ACCESS_LEVEL : X_APP_ACCESS_LEVEL,
    );
  }
  return payload;
}
