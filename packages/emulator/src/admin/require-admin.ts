import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesToken } from '../auth/principal-registry.js';

/** The body of every 401 of the admin API and console: says what to send, echoes nothing. */
export const ADMIN_UNAUTHORIZED = Object.freeze({
  error: 'Send Authorization: Bearer <PAGEWISE_ADMIN_TOKEN>.',
});

/**
 * An `onRequest` hook that lets a request through only with
 * `Authorization: Bearer <adminToken>` (compared in constant time) and
 * answers anything else with a 401 that carries no data. Shared by the
 * admin API and the console's data routes and live stream.
 */
export function requireAdmin(
  adminToken: string,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (!matchesToken(request.headers.authorization, adminToken)) {
      await reply.code(401).header('cache-control', 'no-store').send(ADMIN_UNAUTHORIZED);
    }
  };
}
