/** `GET /me` (the token's admin with its app) and the admin list. */
import { ApiError } from '../errors';
import type { Route } from '../http';
import { presentAdmin, presentMe } from '../present';

export const adminRoutes: Route[] = [
  {
    method: 'GET',
    path: '/me',
    handler(ctx) {
      const me = ctx.state.admins.find((a) => a.id === ctx.state.meAdminId);
      if (!me) throw new ApiError(404, [{ code: 'admin_not_found', message: 'Admin not found' }]);
      return { body: presentMe(ctx.state, me) };
    },
  },
  {
    method: 'GET',
    path: '/admins',
    handler(ctx) {
      const withAvatar = ctx.query.get('display_avatar') === 'true';
      return { body: { type: 'admin.list', admins: ctx.state.admins.map((a) => presentAdmin(a, withAvatar)) } };
    },
  },
  {
    method: 'GET',
    path: '/admins/:id',
    handler(ctx) {
      const admin = ctx.state.admins.find((a) => a.id === ctx.params.id);
      if (!admin) throw new ApiError(404, [{ code: 'admin_not_found', message: 'Admin not found' }]);
      return { body: presentAdmin(admin, true) };
    },
  },
];
