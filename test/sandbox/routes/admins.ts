/** `GET /me` (the token's admin with its app), admins and teams. */
import { ApiError } from '../errors';
import type { Route } from '../http';
import { presentAdmin, presentMe } from '../present';
import { presentTeam } from '../present-more';

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
  {
    method: 'GET',
    path: '/teams',
    handler: (ctx) => ({ body: { type: 'team.list', teams: ctx.state.teams.map(presentTeam) } }),
  },
  {
    method: 'GET',
    path: '/teams/:id',
    handler(ctx) {
      const team = ctx.state.teams.find((t) => t.id === ctx.params.id);
      if (!team) throw new ApiError(404, [{ code: 'team_not_found', message: 'Team not found' }]);
      return { body: presentTeam(team) };
    },
  },
];
