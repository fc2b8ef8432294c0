/**
 * Contacts: search, read, create, update (incl. lead → user), delete and merge. A contact's tags,
 * companies and notes: contact-links.ts.
 */
import { applyPatch, assertNoConflict, newContact, readContactPatch } from '../contact-input';
import { invalid, required } from '../errors';
import { bodyObject, isRecord, optId, type Route } from '../http';
import { bodyContact, pathContact } from '../lookups';
import { mergeContacts } from '../merge';
import { presentContact } from '../present';
import { search } from '../search';
import { contactSearchSpec } from '../search-fields';

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
    method: 'POST',
    path: '/contacts/merge',
    handler(ctx) {
      const body = bodyObject(ctx.body);
      const fromId = optId(body, 'from');
      const intoId = optId(body, 'into');
      if (fromId === undefined) throw required('from');
      if (intoId === undefined) throw required('into');
      const from = bodyContact(ctx, fromId);
      const into = bodyContact(ctx, intoId);
      if (from === into) throw invalid('A contact cannot be merged into itself', 'into');
      if (from.role !== 'lead') throw invalid('Only a lead can be merged: the contact to merge from must have the role lead', 'from');
      if (into.role !== 'user') throw invalid('A lead can only be merged into a user: the contact to merge into must have the role user', 'into');
      mergeContacts(ctx.state, from, into, ctx.now());
      return { body: presentContact(ctx.state, into) };
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id',
    handler: (ctx) => ({ body: presentContact(ctx.state, pathContact(ctx)) }),
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
      const contact = newContact(ctx.state, now, role, email, externalId);
      applyPatch(contact, patch, now);
      ctx.state.contacts.push(contact);
      return { body: presentContact(ctx.state, contact) };
    },
  },
  {
    method: 'PUT',
    path: '/contacts/:id',
    handler(ctx) {
      const contact = pathContact(ctx);
      const patch = readContactPatch(ctx.state, ctx.body);
      if (contact.role === 'user' && patch.role === 'lead') throw invalid('A user cannot be converted back into a lead', 'role');
      const role = patch.role ?? contact.role;
      const email = patch.email === undefined ? contact.email : patch.email;
      const externalId = patch.external_id === undefined ? contact.external_id : patch.external_id;
      // Converting a lead into a user (or updating a user) must leave it identifiable.
      if (role === 'user' && email === null && externalId === null) {
        throw invalid('A user needs an email or an external_id', patch.email === null ? 'email' : 'role');
      }
      assertNoConflict(ctx.state, role, email, externalId, contact.id);
      applyPatch(contact, patch, ctx.now());
      return { body: presentContact(ctx.state, contact) };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:id',
    handler(ctx) {
      const contact = pathContact(ctx);
      ctx.state.contacts = ctx.state.contacts.filter((c) => c !== contact);
      ctx.state.notes = ctx.state.notes.filter((n) => n.contact_id !== contact.id);
      return { body: { type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true } };
    },
  },
];
