/**
 * What hangs off a contact: its tags, companies and notes. Attaching something already attached, or
 * detaching something that is not, changes nothing and answers like the first time.
 */
import { ApiError, missing, notFound, required } from '../errors';
import { bodyObject, intParam, optId, optText, type Ctx, type Reply, type Route } from '../http';
import { bodyAdmin, companyOr404, pathContact, tagById } from '../lookups';
import { notesOf, presentCompany, presentTag, presentTagBasic } from '../present';
import { toHtmlBody } from '../present-conversation';
import { presentNote } from '../present-more';
import { findCompany, nextSeq, type NoteRecord } from '../state';

export const MAX_COMPANIES_PER_CONTACT = 1000;

/** `?page=&per_page=` over a whole list (offset pages, `pages.next` null: the SDK pages until an empty page). */
function offsetPage<T>(ctx: Ctx, all: T[], dflt: number, max: number) {
  const perPage = intParam(ctx.query, 'per_page', dflt, 1, max);
  const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
  return { slice: all.slice((page - 1) * perPage, page * perPage), page, perPage, totalPages: Math.ceil(all.length / perPage) };
}

function companiesPage(ctx: Ctx): Reply {
  const contact = pathContact(ctx);
  const all = contact.company_ids.flatMap((id) => {
    const co = findCompany(ctx.state, id);
    return co ? [presentCompany(ctx.state, co)] : [];
  });
  const { slice, page, perPage, totalPages } = offsetPage(ctx, all, 50, 150);
  const next = page < totalPages ? `${ctx.baseUrl}/contacts/${contact.id}/companies?page=${page + 1}&per_page=${perPage}` : null;
  // The schema (and the SDK) name the array `companies`; Intercom's recorded example names it `data`.
  return {
    body: {
      type: 'list',
      data: slice,
      companies: slice,
      total_count: all.length,
      pages: { type: 'pages', page, per_page: perPage, total_pages: totalPages, next },
    },
  };
}

export const contactLinkRoutes: Route[] = [
  // ---------------------------------------------------------------- tags
  {
    method: 'GET',
    path: '/contacts/:id/tags',
    handler(ctx) {
      const contact = pathContact(ctx);
      return { body: { type: 'list', data: contact.tags.map((t) => presentTag(ctx.state, t)) } };
    },
  },
  {
    method: 'POST',
    path: '/contacts/:id/tags',
    handler(ctx) {
      const contact = pathContact(ctx);
      const tagId = optId(bodyObject(ctx.body), 'id');
      if (tagId === undefined) throw required('id');
      const tag = tagById(ctx, tagId);
      if (!tag) throw notFound();
      let applied = contact.tags.find((t) => t.id === tag.id);
      if (!applied) {
        applied = { id: tag.id, applied_at: ctx.now(), applied_by: ctx.state.meAdminId };
        contact.tags.push(applied);
        contact.updated_at = Math.max(ctx.now(), contact.updated_at);
      }
      return { body: presentTag(ctx.state, applied) };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:id/tags/:tag_id',
    handler(ctx) {
      const contact = pathContact(ctx);
      const tag = tagById(ctx, ctx.params.tag_id ?? '');
      if (!tag) throw notFound();
      const applied = contact.tags.find((t) => t.id === tag.id);
      if (!applied) return { body: presentTagBasic(tag) };
      contact.tags = contact.tags.filter((t) => t !== applied);
      contact.updated_at = Math.max(ctx.now(), contact.updated_at);
      return { body: presentTag(ctx.state, applied) };
    },
  },
  // ---------------------------------------------------------------- companies
  { method: 'GET', path: '/contacts/:id/companies', handler: companiesPage },
  {
    method: 'POST',
    path: '/contacts/:id/companies',
    handler(ctx) {
      const contact = pathContact(ctx);
      const companyId = optId(bodyObject(ctx.body ?? {}), 'id');
      if (companyId === undefined) throw missing('company not specified');
      const company = companyOr404(ctx, companyId);
      if (!contact.company_ids.includes(company.id)) {
        if (contact.company_ids.length >= MAX_COMPANIES_PER_CONTACT) {
          throw new ApiError(400, [{ code: 'contact_company_limit_exceeded', message: `Contact has reached the maximum of ${MAX_COMPANIES_PER_CONTACT} company associations` }]);
        }
        contact.company_ids.push(company.id);
        company.updated_at = Math.max(ctx.now(), company.updated_at);
      }
      return { body: presentCompany(ctx.state, company) };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:id/companies/:company_id',
    handler(ctx) {
      const contact = pathContact(ctx);
      const company = companyOr404(ctx, ctx.params.company_id ?? '');
      if (contact.company_ids.includes(company.id)) {
        contact.company_ids = contact.company_ids.filter((id) => id !== company.id);
        company.updated_at = Math.max(ctx.now(), company.updated_at);
      }
      return { body: presentCompany(ctx.state, company) };
    },
  },
  // ---------------------------------------------------------------- notes
  {
    method: 'GET',
    path: '/contacts/:id/notes',
    handler(ctx) {
      const contact = pathContact(ctx);
      const all = notesOf(ctx.state, contact.id);
      const { slice, page, perPage, totalPages } = offsetPage(ctx, all, 50, 150);
      return {
        body: {
          type: 'list',
          data: slice.map((n) => presentNote(ctx.state, n)),
          total_count: all.length,
          pages: { type: 'pages', next: null, page, per_page: perPage, total_pages: totalPages },
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/contacts/:id/notes',
    handler(ctx) {
      const contact = pathContact(ctx);
      const body = bodyObject(ctx.body);
      const text = optText(body, 'body');
      if (text === undefined || text.trim() === '') throw required('body');
      // Intercom's example for an unknown admin: 404 not_found "Resource Not Found".
      const admin = bodyAdmin(ctx, body, 'admin_id', ctx.state.meAdminId, () => notFound());
      const note: NoteRecord = {
        id: String(27_000 + nextSeq(ctx.state)),
        contact_id: contact.id,
        admin_id: admin.id,
        body: toHtmlBody(text),
        created_at: ctx.now(),
      };
      ctx.state.notes.push(note);
      return { body: presentNote(ctx.state, note) };
    },
  },
];
