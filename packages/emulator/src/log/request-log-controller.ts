import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { redactUrl } from '../http/redact-url.js';

/** Rate-limit "remaining" headers of the styles the emulator serves (Zoom, X). */
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'x-rate-limit-remaining'] as const;

/**
 * Fastify's log controller with one record per request instead of two: no
 * "incoming request" line, and a "request completed" line that carries all a
 * reader needs on its own (method, URL with page tokens redacted, status,
 * response time, rate-limit remaining). Both log formats read it: JSON as
 * is, the pretty stream as one human line.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const record = {
      req: request,
      res: reply,
      responseTime: reply.elapsedTime,
      ...rateLimitRemaining(reply),
    };
    if (error) reply.log.error({ ...record, err: error }, 'request errored');
    else reply.log.info(record, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    // Fastify's own line holds the raw URL, page tokens included.
    request.log.info(`Route ${request.method}:${redactUrl(request.url)} not found`);
  }
}

function rateLimitRemaining(reply: FastifyReply): { rateLimitRemaining?: number } {
  for (const name of REMAINING_HEADERS) {
    const value = Number(reply.getHeader(name));
    if (reply.hasHeader(name) && Number.isFinite(value)) return { rateLimitRemaining: value };
  }
  return {};
}
