/**
 * Finding the records a request names, with the error Intercom answers when one is missing
 * (codes and messages from the OpenAPI description's examples).
 */
import { ApiError, merged, notFound, required } from './errors';
import { optId, type Ctx } from './http';
import {
  canonicalContactId,
  findCompany,
  findContact,
  type AdminRecord,
  type CompanyRecord,
  type ContactRecord,
  type ConversationRecord,
  type TagRecord,
  type TicketRecord,
} from './state';

export const companyNotFound = () => new ApiError(404, [{ code: 'company_not_found', message: 'Company Not Found' }]);
export const adminNotFound = () => new ApiError(404, [{ code: 'admin_not_found', message: 'Admin not found' }]);

/**
 * The contact a path names. A contact merged away answers 410 `contact_merged` with a canonical Link
 * (or 404, see `mergedContactStatus`); an unknown one 404 "User Not Found".
 */
export function pathContact(ctx: Ctx, id = ctx.params.id ?? ''): ContactRecord {
  const c = findContact(ctx.state, id);
  if (c) return c;
  const canonical = canonicalContactId(ctx.state, id);
  if (canonical !== undefined) throw merged(ctx.baseUrl, canonical, ctx.options.mergedContactStatus);
  throw notFound('User Not Found');
}

/** A contact named in a request body: 404 "User Not Found" when unknown (merged-away ids included). */
export function bodyContact(ctx: Ctx, id: string): ContactRecord {
  const c = findContact(ctx.state, id);
  if (!c) throw notFound('User Not Found');
  return c;
}

export function companyOr404(ctx: Ctx, id: string): CompanyRecord {
  const co = findCompany(ctx.state, id);
  if (!co) throw companyNotFound();
  return co;
}

export function conversationOr404(ctx: Ctx, id = ctx.params.id ?? '', message = 'Resource Not Found'): ConversationRecord {
  const cv = ctx.state.conversations.find((c) => c.id === id);
  if (!cv) throw notFound(message);
  return cv;
}

export function ticketOr404(ctx: Ctx, id = ctx.params.id ?? ''): TicketRecord {
  const t = ctx.state.tickets.find((x) => x.id === id);
  if (!t) throw new ApiError(404, [{ code: 'ticket_not_found', message: 'Ticket not found' }]);
  return t;
}

export function tagById(ctx: Ctx, id: string): TagRecord | undefined {
  return ctx.state.tags.find((t) => t.id === id);
}

/** `admin_id` from a body: required unless `dflt` is given; 404 when no such admin. */
export function bodyAdmin(ctx: Ctx, body: Record<string, unknown>, key = 'admin_id', dflt?: string, notFoundError = adminNotFound): AdminRecord {
  const id = optId(body, key) ?? dflt;
  if (id === undefined) throw required(key);
  const admin = ctx.state.admins.find((a) => a.id === id);
  if (!admin) throw notFoundError();
  return admin;
}
