import type { FastifyReply } from 'fastify';

/** X's JSON content type. */
export const X_JSON = 'application/json; charset=utf-8';
/** Zoom's JSON content type. */
export const ZOOM_JSON = 'application/json;charset=UTF-8';

/** Sends `body` as `JSON.stringify` writes it. */
export function sendJson(reply: FastifyReply, body: unknown, type = X_JSON): FastifyReply {
  return reply.header('content-type', type).send(JSON.stringify(body));
}

/** A 400 with a one-line message (the bench never sends a bad request; this keeps the routes honest). */
export function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).header('content-type', X_JSON).send(JSON.stringify({ message }));
}

/** A 401 for a missing or wrong bearer token. */
export function unauthorized(reply: FastifyReply): FastifyReply {
  return reply
    .code(401)
    .header('content-type', X_JSON)
    .send(JSON.stringify({ title: 'Unauthorized', status: 401 }));
}

/** A page size from the query: `fallback` when absent, `undefined` when not an integer in [min, max]. */
export function pageSize(
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}
