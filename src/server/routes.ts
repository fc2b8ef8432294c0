/**
 * The endpoint's handlers: the protocol's routes an embedded card may call, mapped onto the same shared code
 * the extension's worker uses (src/core). The worker's persisted outbox is a browser thing; here a quick
 * action runs at once and answers the same OutboxEntry shape (the endpoint's idempotency window stands in
 * for the outbox's "the same id is sent once").
 */
import type { OutboxEntry } from '../protocol/actions';
import { mayCall, type RouteName, type RouteOutput, type RouteParsed, type ROUTES } from '../protocol/messages';
import { runAction } from '../core/actions';
import { toErrorInfo } from '../core/errors';
import { ShapeError } from '../core/intercom/shapes';
import { contactActivity, conversationDetail, directory, findCompanyRefs, workspaceInfo } from '../core/reads';
import type { Session } from '../core/session';
import { companyCard, companyPeople, conversationsOf, eventsOf, notesOfContact, segmentsOf, ticketDetail, ticketsOf } from '../core/picture';
import { contactAttributes } from '../core/attributes';

/** The routes whose callers include `embed`. */
export type EmbedRoute = {
  [R in RouteName]: 'embed' extends (typeof ROUTES)[R]['callers'][number] ? R : never;
}[RouteName];

export interface CallContext {
  /** The JWT's `sub`: who acts. */
  sub: string;
  now: () => number;
}

export type EmbedHandlers = {
  [R in EmbedRoute]: (s: Session, input: RouteParsed<R>, ctx: CallContext) => Promise<RouteOutput<R>>;
};

/**
 * Who a colleague's writes are sent as: the workspace admin whose id or email is the JWT's `sub`
 * (case-insensitive), else the token's own admin.
 */
export async function actingAdminFor(s: Session, sub: string): Promise<string> {
  const d = await directory(s);
  const who = sub.trim().toLowerCase();
  const admin = d.admins.find((a) => a.id.toLowerCase() === who || (a.email ?? '').toLowerCase() === who);
  return admin?.id ?? d.me.id;
}

export const embedHandlers: EmbedHandlers = {
  async 'contacts/lookup'(s, input) {
    return { contacts: await s.lookup.lookup(input.emails, input.priority) };
  },
  'contacts/create-lead': (s, input) => s.lookup.createLead(input.email, input.name),
  async 'contacts/search-name'(s, input) {
    return { contacts: await s.lookup.searchByName(input.query) };
  },
  async 'outbox/submit'(s, input, ctx): Promise<OutboxEntry> {
    const createdAt = ctx.now();
    const base = { id: input.id, action: input.action, createdAt, attempts: 1, ...(input.batchId ? { batchId: input.batchId } : {}) };
    try {
      const result = await runAction(s, await actingAdminFor(s, ctx.sub), input.action);
      return { ...base, state: 'done', updatedAt: ctx.now(), result };
    } catch (err) {
      // As in the worker's outbox: an answer we could not read came after the request, so it probably landed.
      const error = err instanceof ShapeError ? { code: 'uncertain' as const, detail: err.message } : toErrorInfo(err);
      return { ...base, state: error.code === 'uncertain' ? 'uncertain' : 'failed', updatedAt: ctx.now(), error };
    }
  },
  async 'workspace/info'(s, input, ctx) {
    // The view is cached per session for everyone; only who acts differs per colleague.
    const [view, actingAdminId] = await Promise.all([workspaceInfo(s, input.refresh, null), actingAdminFor(s, ctx.sub)]);
    return { ...view, actingAdminId };
  },
  'contact/activity': (s, input) => contactActivity(s, input.contactId),
  'conversation/get': (s, input) => conversationDetail(s, input.id),
  'companies/find': (s, input) => findCompanyRefs(s, input.name),
  'company/get': (s, input) => companyCard(s, input.id),
  'company/contacts': (s, input) => companyPeople(s, input.id, input.cursor),
  'contact/notes': (s, input) => notesOfContact(s, input.contactId, input.cursor),
  'contact/conversations': (s, input) => conversationsOf(s, input.contactId, input.filter, input.cursor),
  'contact/events': (s, input) => eventsOf(s, input.contactId, input.cursor),
  'contact/tickets': (s, input) => ticketsOf(s, input.contactId, input.cursor),
  'ticket/get': (s, input) => ticketDetail(s, input.id),
  'contact/segments': (s, input) => segmentsOf(s, input.contactId),
  'contact/attributes': (s, input) => contactAttributes(s, input.refresh),
};

/** Whether an embedded card may call the route (and the endpoint has a handler for it). */
export function isEmbedRoute(name: RouteName): name is EmbedRoute {
  return mayCall(name, 'embed') && Object.prototype.hasOwnProperty.call(embedHandlers, name);
}
