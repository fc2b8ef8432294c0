/**
 * Segments: `GET /segments` (`segment.list`; `include_count=true` adds each one's `count`), `GET /segments/{id}`
 * and `GET /contacts/{id}/segments` (a `list` of the segments the contact is in). Membership is each segment's
 * rule (a contact search query) applied to the contacts now; `person_type` `user` holds users, `contact` leads.
 */
import { notFound } from '../errors';
import type { Ctx, Route } from '../http';
import { pathContact } from '../lookups';
import type { Json } from '../present';
import { compileQuery } from '../search';
import { contactSearchSpec } from '../search-fields';
import type { ContactRecord, SegmentRecord } from '../state';

function members(ctx: Ctx, s: SegmentRecord): (c: ContactRecord) => boolean {
  const rule = compileQuery(s.query, contactSearchSpec(ctx.state));
  return (c) => (s.person_type === 'user' ? c.role === 'user' : c.role === 'lead') && rule(c);
}

function present(s: SegmentRecord, count?: number): Json {
  return {
    type: 'segment',
    id: s.id,
    name: s.name,
    created_at: s.created_at,
    updated_at: s.updated_at,
    person_type: s.person_type,
    ...(count === undefined ? {} : { count }),
  };
}

export const segmentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/segments',
    handler(ctx) {
      const withCount = ctx.query.get('include_count') === 'true';
      return {
        body: {
          type: 'segment.list',
          segments: ctx.state.segments.map((s) => present(s, withCount ? ctx.state.contacts.filter(members(ctx, s)).length : undefined)),
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/segments/:id',
    handler(ctx) {
      const s = ctx.state.segments.find((x) => x.id === ctx.params.id);
      if (!s) throw notFound('Segment Not Found');
      return { body: present(s) };
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id/segments',
    handler(ctx) {
      const contact = pathContact(ctx);
      return { body: { type: 'list', data: ctx.state.segments.filter((s) => members(ctx, s)(contact)).map((s) => present(s)) } };
    },
  },
];
