/** Contacts: search, read, create, update, delete, and a contact's companies and tags. */
import { applyPatch, assertNoConflict, readContactPatch } from '../contact-input';
import { invalid, notFound } from '../errors';
import { intParam, isRecord, type Ctx, type Route } from '../http';
import { presentCompany, presentContact, presentTag } from '../present';
import { search } from '../search';
import { contactSearchSpec } from '../search-fields';
import { findCompany, findContact, objectId, type ContactRecord } from '../state';

function contactOr404(ctx: Ctx): ContactRecord {
  const c = findContact(ctx.state, ctx.params.id ?? '');
  if (!c) throw notFound('User Not Found');
  return c;
}

export const contactRoutes: Route[] = [
  {
    method: 'POST',
    path: '/contacts/search',
    handler(ctx) {
      const page = search(ctx.state.contacts, ctx.body, contactSearchSpec(ctx.state));
      return {
        body: {
          type: 'list',
          data: page.items.map((c) => presentContact(ctx.state, c)),
          total_count: page.total_count,
          pages: page.pages,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id',
    handler: (ctx) => ({ body: presentContact(ctx.state, contactOr404(ctx)) }),
  },
  {
    method: 'POST',
    path: '/contacts',
    handler(ctx) {
      const patch = readContactPatch(ctx.state, ctx.body);
      const raw = isRecord(ctx.body) ? ctx.body : {};
      if (raw.email === undefined && raw.external_id === undefined && raw.role === undefined) {
        throw invalid('Either email, external_id or role must be provided');
      }
      const role = patch.role ?? 'user';
      const email = patch.email ?? null;
      const externalId = patch.external_id ?? null;
      if (role === 'user' && email === null && externalId === null) {
        throw invalid('A user needs an email or an external_id', 'email');
      }
      assertNoConflict(ctx.state, role, email, externalId);
      const now = ctx.now();
      const contact: ContactRecord = {
        id: objectId(now, 0x800000 + ctx.state.seq++),
        external_id: externalId,
        role,
        email,
        phone: null,
        name: null,
        avatar: null,
        owner_id: null,
        has_hard_bounced: false,
        marked_email_as_spam: false,
        unsubscribed_from_emails: false,
        created_at: now,
        updated_at: now,
        signed_up_at: role === 'user' ? now : null,
        last_seen_at: null,
        last_replied_at: null,
        last_contacted_at: null,
        last_email_opened_at: null,
        last_email_clicked_at: null,
        language_override: null,
        browser: null,
        browser_version: null,
        browser_language: null,
        os: null,
        location: { city: null, region: null, country: null, country_code: null, continent_code: null },
        custom_attributes: {},
        tags: [],
        company_ids: [],
      };
      applyPatch(contact, patch, now);
      ctx.state.contacts.push(contact);
      return { body: presentContact(ctx.state, contact) };
    },
  },
  {
    method: 'PUT',
    path: '/contacts/:id',
    handler(ctx) {
      const contact = contactOr404(ctx);
      const patch = readContactPatch(ctx.state, ctx.body);
      const role = patch.role ?? contact.role;
      const email = patch.email === undefined ? contact.email : patch.email;
      const externalId = patch.external_id === undefined ? contact.external_id : patch.external_id;
      assertNoConflict(ctx.state, role, email, externalId, contact.id);
      applyPatch(contact, patch, ctx.now());
      return { body: presentContact(ctx.state, contact) };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:id',
    handler(ctx) {
      const contact = contactOr404(ctx);
      ctx.state.contacts = ctx.state.contacts.filter((c) => c !== contact);
      return { body: { type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true } };
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id/companies',
    handler(ctx) {
      const contact = contactOr404(ctx);
      const perPage = intParam(ctx.query, 'per_page', 50, 1, 150);
      const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
      const all = contact.company_ids.flatMap((id) => {
        const co = findCompany(ctx.state, id);
        return co ? [presentCompany(ctx.state, co)] : [];
      });
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const totalPages = Math.ceil(all.length / perPage);
      const next = page < totalPages ? `/contacts/${contact.id}/companies?page=${page + 1}&per_page=${perPage}` : null;
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
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id/tags',
    handler(ctx) {
      const contact = contactOr404(ctx);
      return { body: { type: 'list', data: contact.tags.map((t) => presentTag(ctx.state, t)) } };
    },
  },
];
