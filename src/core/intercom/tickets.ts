/** Tickets: ticket types with their attributes, create, get, and a contact's tickets. */
import type { Intercom } from 'intercom-client';
import type { IntercomHttp } from './http';
import { searchPage, searchPages, type OnePage } from './paginate';
import { parse } from './shapes';
import { TicketListSchema, TicketSchema, TicketTypeListSchema, TicketTypeSchema, type TicketData, type TicketTypeData } from './shapes-inbox';

export async function listTicketTypes(http: IntercomHttp): Promise<TicketTypeData[]> {
  return parse(TicketTypeListSchema, await http.request('GET', '/ticket_types')).data.filter((t) => !t.archived);
}

export async function getTicketType(http: IntercomHttp, id: string): Promise<TicketTypeData> {
  return parse(TicketTypeSchema, await http.request('GET', `/ticket_types/${encodeURIComponent(id)}`));
}

export interface NewTicket {
  ticketTypeId: string;
  contactId: string;
  title: string;
  description?: string;
  /** Other attributes of the ticket type, by name. */
  attributes?: Record<string, string | number | boolean>;
  companyId?: string;
  /** A conversation of the contact to link the ticket to. */
  conversationId?: string;
}

/** Creates a ticket. A lost answer cannot be checked for, so it fails as "may have been sent". */
export async function createTicket(http: IntercomHttp, t: NewTicket): Promise<TicketData> {
  const body: Intercom.CreateTicketRequestBody & { ticket_attributes: Record<string, unknown> } = {
    ticket_type_id: t.ticketTypeId,
    contacts: [{ id: t.contactId }],
    ticket_attributes: {
      _default_title_: t.title,
      ...(t.description ? { _default_description_: t.description } : {}),
      ...t.attributes,
    },
    ...(t.companyId ? { company_id: t.companyId } : {}),
    ...(t.conversationId ? { conversation_to_link_id: t.conversationId } : {}),
  };
  return parse(TicketSchema, await http.request('POST', '/tickets', { json: body }));
}

export async function getTicket(http: IntercomHttp, id: string): Promise<TicketData> {
  return parse(TicketSchema, await http.request('GET', `/tickets/${encodeURIComponent(id)}`));
}

/** A contact's tickets, most recently updated first. */
export function ticketsOfContact(http: IntercomHttp, contactId: string): AsyncGenerator<TicketData[]> {
  return searchPages(http, '/tickets/search', { field: 'contact_ids', operator: '=', value: contactId }, TicketListSchema, (p) => p.tickets, {
    perPage: 150,
    sort: { field: 'updated_at', order: 'descending' },
  });
}

/** One page of a contact's tickets, most recently updated first. */
export function ticketsPage(http: IntercomHttp, contactId: string, perPage: number, cursor?: string): Promise<OnePage<TicketData>> {
  return searchPage(http, '/tickets/search', { field: 'contact_ids', operator: '=', value: contactId }, TicketListSchema, (p) => p.tickets, {
    perPage,
    sort: { field: 'updated_at', order: 'descending' },
    ...(cursor ? { cursor } : {}),
  });
}
