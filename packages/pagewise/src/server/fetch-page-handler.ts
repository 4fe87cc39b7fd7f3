import type { StyleEndpoint } from '../styles/index.js';
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
export function fetchPageHandler<Row, E extends StyleEndpoint>(
  options: PageResponderOptions<Row, E, Request>,
): (request: Request) => Promise<Response> {
  const responder = createPageResponder(options);
  return async (request) => {
    const answer = await responder.respond(request, request.url);
    return new Response(serializeBody(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
