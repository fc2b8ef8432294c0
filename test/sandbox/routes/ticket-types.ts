/** `GET /ticket_types` and `GET /ticket_types/{id}`. */
import { notFound } from '../errors';
import type { Route } from '../http';

export const ticketTypeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/ticket_types',
    handler: (ctx) => ({ body: { type: 'list', data: structuredClone(ctx.state.ticketTypes) } }),
  },
  {
    method: 'GET',
    path: '/ticket_types/:id',
    handler(ctx) {
      const t = ctx.state.ticketTypes.find((x) => x.id === ctx.params.id);
      if (!t) throw notFound();
      return { body: structuredClone(t) };
    },
  },
];
