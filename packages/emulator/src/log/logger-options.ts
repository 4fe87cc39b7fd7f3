import type { FastifyServerOptions } from 'fastify';
import type { ResolvedEmulatorOptions } from '../emulator-options.js';
import { redactUrl } from '../http/redact-url.js';
import { type LogDestination, prettyLogStream } from './pretty-log-stream.js';
import { RequestLogController } from './request-log-controller.js';

/**
 * The Fastify logging options of the emulator: pino with secrets redacted
 * (Authorization header, token-like fields, page tokens in URLs), one record
 * per request (see {@link RequestLogController}), written as JSON or through
 * the pretty stream; nothing at all for `off`.
 */
export function emulatorLoggerOptions(
  opts: Pick<ResolvedEmulatorOptions, 'logger' | 'log' | 'env'>,
): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (opts.log === 'off' || opts.logger === false) return { logger: false };
  const base = (typeof opts.logger === 'object' ? opts.logger : {}) as Record<string, unknown>;
  const destination = (base['stream'] ?? process.stdout) as LogDestination & { isTTY?: boolean };
  const stream =
    opts.log === 'pretty'
      ? prettyLogStream(destination, {
          // NO_COLOR (no-color.org) and pipes get plain text.
          color: destination.isTTY === true && opts.env['NO_COLOR'] === undefined,
        })
      : base['stream'];
  return {
    logController: new RequestLogController(),
    logger: {
      level: 'info',
      ...base,
      ...(stream === undefined ? {} : { stream }),
      redact: [
        'req.headers.authorization',
        'headers.authorization',
        '*.apiToken',
        '*.adminToken',
        '*.tokenKeys',
        '*.token',
      ],
      serializers: {
        req(request: { method: string; url: string; hostname?: string; ip?: string }) {
          return {
            method: request.method,
            url: redactUrl(request.url),
            host: request.hostname,
            remoteAddress: request.ip,
          };
        },
      },
    } as NonNullable<FastifyServerOptions['logger']>,
  };
}
