import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { type StyleEndpoint, truncateEcho, type WireStyle } from '../styles/index.js';
import { sendStyleResponse } from './fastify-page-route.js';

/** Fastify's `frameworkErrors` option: errors raised before any route matched. */
type FrameworkErrors = NonNullable<FastifyServerOptions['frameworkErrors']>;

/**
 * A Fastify `frameworkErrors` handler (a server option, set at
 * `Fastify({ frameworkErrors })`) that answers the errors Fastify raises
 * before a route is matched, in a style: a badly encoded URL
 * (`FST_ERR_BAD_URL`) or a path parameter longer than `maxParamLength`
 * (`FST_ERR_MAX_PARAM_LENGTH`) become the style's 400 for a bad `path`,
 * instead of Fastify's own body. `styleFor` picks the style by URL when one
 * server speaks several (the emulator: X under `/2/`, Zoom elsewhere).
 *
 * @example
 * ```ts
 * const app = Fastify({ frameworkErrors: styleFrameworkErrors(x) });
 * ```
 */
export function styleFrameworkErrors(
  styleFor: WireStyle<never> | WireStyle<StyleEndpoint> | ((url: string) => WireStyle<never>),
): FrameworkErrors {
  const pick =
    typeof styleFor === 'function' ? styleFor : () => styleFor as unknown as WireStyle<never>;
  return (error: Error, request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url ?? request.raw.url ?? '/';
    const path = url.split('?')[0] ?? url;
    const style = pick(url);
    const tooLong = (error as { code?: unknown }).code === 'FST_ERR_MAX_PARAM_LENGTH';
    sendStyleResponse(
      reply,
      style.formatProblem({
        kind: 'invalid_parameter',
        param: 'path',
        values: [truncateEcho(path)],
        fault: 'invalid',
        message: tooLong
          ? 'The request path is not valid: a path parameter is too long.'
          : 'The request path is not valid: it is not a well-encoded URL.',
      }),
    );
  };
}
