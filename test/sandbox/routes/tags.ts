/** `GET /tags`. */
import type { Route } from '../http';

export const tagRoutes: Route[] = [
  {
    method: 'GET',
    path: '/tags',
    handler: (ctx) => ({ body: { type: 'list', data: ctx.state.tags.map((t) => ({ type: 'tag', id: t.id, name: t.name })) } }),
  },
];
