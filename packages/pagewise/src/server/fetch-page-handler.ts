import type { StyleEndpoint } from '../styles/index.js';
import { isStyleResponse } from './admission.js';
import { createPageResponder, type PageResponderOptions } from './page-responder.js';
import { serializeBody } from './serialize-body.js';

/**
 * A `(request: Request) => Promise<Response>` handler serving one paginated
 * list in one style, for fetch-style frameworks (Hono, Cloudflare Workers,
 * Deno, Bun, Next.js route handlers). Same core as the Fastify route.
 *
 * @example
 * ```ts
 * const handler = fetchPageHandler({
 *   style: link, endpoint: linkEndpoints.cursor, list: items,
 *   source: memorySource(rows), scope: (req) => req.headers.get('x-tenant') ?? 'anonymous',
 * });
 * app.get('/items', (c) => handler(c.req.raw)); // Hono
 * ```
 */
export function fetchPageHandler<Row, E extends StyleEndpoint, P = undefined>(
  options: PageResponderOptions<Row, E, Request, P>,
): (request: Request) => Promise<Response> {
  const responder = createPageResponder(options);
  return async (request) => {
    const admission = await responder.admit(request);
    // A fetch handler cannot reset its connection: a dropped request is a network error.
    if (admission === 'drop') return Response.error();
    const answer = isStyleResponse(admission)
      ? admission
      : await responder.respond(request, request.url, admission);
    return new Response(serializeBody(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
