/**
 * Tickets: `POST /tickets`, `GET /tickets/{id}` and `POST /tickets/search`. Creating one checks the
 * ticket type (it must exist and not be archived), its attributes (ticket-input.ts), the one contact
 * (by id, external_id or email — an unknown email creates the contact, as Intercom says), the company,
 * the assignees and the conversation to link (only Back-office and Tracker tickets link to conversations).
 */
import { newContact } from '../contact-input';
import { ApiError, invalid, notFound, required } from '../errors';
import { bodyObject, isRecord, optId, optInteger, optText, type Ctx, type Route } from '../http';
import { bodyContact, companyOr404, conversationOr404, ticketOr404 } from '../lookups';
import { presentTicket, ticketCategory } from '../present-more';
import { search } from '../search';
import { ticketSearchSpec } from '../search-fields';
import { nextSeq, type ContactRecord, type TicketRecord } from '../state';
import { readTicketAttributes } from '../ticket-input';

const assigneeNotFound = () => new ApiError(404, [{ code: 'assignee_not_found', message: 'Assignee not found' }]);

function ticketContact(ctx: Ctx, raw: unknown): ContactRecord {
  if (!Array.isArray(raw) || raw.length === 0) throw required('contacts');
  if (raw.length > 1) throw invalid('Only one contact can be added to a ticket', 'contacts');
  const entry: unknown = raw[0];
  if (!isRecord(entry)) throw invalid('contacts[0] must be an object with an id, external_id or email', 'contacts');
  const id = optId(entry, 'id');
  if (id !== undefined) return bodyContact(ctx, id);
  const externalId = optText(entry, 'external_id');
  if (externalId !== undefined) {
    const c = ctx.state.contacts.find((x) => x.external_id === externalId);
    if (!c) throw notFound('User Not Found');
    return c;
  }
  const email = optText(entry, 'email')?.trim();
  if (email === undefined || email === '') throw invalid('contacts[0] needs an id, external_id or email', 'contacts');
  const e = email.toLowerCase();
  const known = ctx.state.contacts.filter((c) => c.email?.toLowerCase() === e);
  const existing = known.find((c) => c.role === 'user') ?? known[0];
  if (existing) return existing;
  const created = newContact(ctx.state, ctx.now(), 'user', email, null);
  ctx.state.contacts.push(created);
  return created;
}

function createTicket(ctx: Ctx) {
  const body = bodyObject(ctx.body);
  const typeId = optId(body, 'ticket_type_id');
  if (typeId === undefined) throw required('ticket_type_id');
  const type = ctx.state.ticketTypes.find((t) => t.id === typeId);
  if (!type) throw invalid(`Ticket type ${typeId} not found`, 'ticket_type_id');
  if (type.archived === true) throw invalid(`Ticket type '${type.name}' is archived`, 'ticket_type_id');
  const attributes = readTicketAttributes(type, body.ticket_attributes);
  const companyId = optId(body, 'company_id');
  const company = companyId === undefined ? null : companyOr404(ctx, companyId);
  const linkId = optId(body, 'conversation_to_link_id');
  const category = ticketCategory(type);
  if (linkId !== undefined && category === 'Customer') {
    throw invalid('A Customer ticket cannot be linked to a conversation: link conversations to Back-office or Tracker tickets', 'conversation_to_link_id');
  }
  const linked = linkId === undefined ? null : conversationOr404(ctx, linkId, 'Conversation not found');
  const assignment = body.assignment;
  if (assignment !== undefined && assignment !== null && !isRecord(assignment)) throw invalid('assignment must be an object', 'assignment');
  const adminId = isRecord(assignment) ? optId(assignment, 'admin_assignee_id') : undefined;
  const teamId = isRecord(assignment) ? optId(assignment, 'team_assignee_id') : undefined;
  if (adminId !== undefined && adminId !== '0' && !ctx.state.admins.some((a) => a.id === adminId)) throw assigneeNotFound();
  if (teamId !== undefined && teamId !== '0' && !ctx.state.teams.some((t) => t.id === teamId)) throw assigneeNotFound();
  const createdAt = optInteger(body, 'created_at') ?? ctx.now();
  // Resolved last: an unknown email creates a contact, which must not happen for a request refused above.
  const contact = ticketContact(ctx, body.contacts);
  const n = nextSeq(ctx.state);
  const id = String(6_200 + n);
  const ticket: TicketRecord = {
    id,
    ticket_id: String(Math.max(0, ...ctx.state.tickets.map((t) => Number(t.ticket_id))) + 1),
    ticket_type_id: type.id,
    attributes,
    state: 'submitted',
    contact_ids: [contact.id],
    company_id: company?.id ?? null,
    admin_assignee_id: adminId === undefined || adminId === '0' ? null : adminId,
    team_assignee_id: teamId === undefined || teamId === '0' ? null : teamId,
    created_at: createdAt,
    updated_at: Math.max(createdAt, ctx.now()),
    open: true,
    snoozed_until: null,
    linked_conversation_ids: linked ? [linked.id] : [],
    parts: [{ id: `${id}1`, part_type: 'ticket_state_updated_by_admin', state: 'submitted', previous: 'submitted', created_at: createdAt, author: { type: 'admin', id: ctx.state.meAdminId } }],
  };
  ctx.state.tickets.push(ticket);
  return { body: presentTicket(ctx.state, ticket) };
}

export const ticketRoutes: Route[] = [
  { method: 'POST', path: '/tickets', handler: createTicket },
  {
    method: 'POST',
    path: '/tickets/search',
    handler(ctx) {
      const page = search(ctx.state.tickets, ctx.body, ticketSearchSpec(ctx.state));
      return {
        body: {
          type: 'ticket.list',
          tickets: page.items.map((t) => presentTicket(ctx.state, t)),
          total_count: page.total_count,
          pages: page.pages,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/tickets/:id',
    handler: (ctx) => ({ body: presentTicket(ctx.state, ticketOr404(ctx)) }),
  },
];
