import type { RouteOptions } from 'fastify';
import { fastifyPageRoute } from 'pagewise/fastify';
import { singleValue, zoom, zoomEndpoints } from 'pagewise/styles';
import { PreparedSources } from '../../data/prepared-sources.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { zoomUserItem } from '../zoom-items.js';
import type { ZoomLists } from '../zoom-lists.js';
import { stringParam } from '../zoom-params.js';
import { legacy, paging, str, zoomRouteSchema } from './zoom-route-schema.js';

/** `GET /v2/users`: the account's users, by status (and role). */
export function listUsersRoute(ctx: EmulatorContext, lists: ZoomLists): RouteOptions {
  const db = ctx.handle.db;
  const prepared = new PreparedSources(db, ctx.handle.kind);
  const users = () => db.selectFrom('zoom_users as u').selectAll('u');
  const endpoint = zoomEndpoints.users;
  return fastifyPageRoute({
    url: '/v2/users',
    style: zoom,
    endpoint,
    list: lists.users,
    ...emulatorAdmission(ctx, zoom, endpoint),
    schema: zoomRouteSchema('List users', {
      ...paging,
      page_size: str('Items per page, 1-2000 (default 30; larger values are clamped to 2000).'),
      ...legacy,
      status: str('active (default), inactive or pending.', {
        enum: ['active', 'inactive', 'pending'],
      }),
      role_id: str('Only users with this role.'),
      include_fields: str('Accepted and ignored.'),
    }),
    parse: (_request, query) => ({
      status: stringParam(query, 'status', 'active'),
      roleId: singleValue(query, 'role_id'),
    }),
    source: ({ params }) => {
      const { status, roleId } = params;
      // Whether a role is asked for decides the SQL; status and role are values.
      return roleId === undefined
        ? prepared.source(
            'all roles',
            (v: { status: string }) => users().where('u.status', '=', v.status),
            { status },
          )
        : prepared.source(
            'one role',
            (v: { status: string; roleId: string }) =>
              users().where('u.status', '=', v.status).where('u.role_id', '=', v.roleId),
            { status, roleId },
          );
    },
    toItem: (row) => zoomUserItem(row),
  });
}
