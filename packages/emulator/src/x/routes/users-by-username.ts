import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyStyleRoute } from 'pagewise/fastify';
import { formatXResource, StyleProblemError, truncateEcho, x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { badParam } from '../../http/bad-param.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { usersByUsernames } from '../user-lookup.js';
import { USERNAME_RE, userByUsername, userLookupParams } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import { rejectUnknown, userFields } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** `GET /2/users/by/username/:username`: one user by username (case-insensitive). */
export function usersByUsernameRoute(ctx: EmulatorContext): RouteOptions {
  return fastifyStyleRoute({
    url: '/2/users/by/username/:username',
    style: x,
    endpoint: userByUsername,
    ...emulatorAdmission(ctx, x, userByUsername),
    schema: xRouteSchema(
      'A user by username',
      Type.Object(userLookupParams),
      Type.Object({
        username: Type.String({ description: 'Username, ^[A-Za-z0-9_]{1,15}$ (any case).' }),
      }),
    ),
    parse: (request, query) => {
      rejectUnknown(query, userByUsername.allowedParams ?? []);
      const username = (request.params as { username: string }).username;
      if (!USERNAME_RE.test(username)) {
        const echo = truncateEcho(username);
        badParam(
          'username',
          [echo],
          `The \`username\` query parameter value [${echo}] does not match ${USERNAME_RE.source}`,
        );
      }
      return { username, fields: userFields(query) };
    },
    handler: async ({ params }) => {
      const [row] = await usersByUsernames(ctx.handle.db, [params.username]);
      if (row === undefined) {
        throw new StyleProblemError({
          kind: 'not_found',
          resource: 'user',
          id: params.username,
          param: 'username',
        });
      }
      return formatXResource(userItem(row, params.fields));
    },
  });
}
