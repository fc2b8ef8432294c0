/**
 * The rest of the demo workspace: teams (the ones admins' `team_ids` point at), a few notes on contacts,
 * and four tickets, some linked to the seeded conversations. Deterministic, like the rest of the seed.
 */
import { DAY } from './seed-data';
import type { AdminRecord, ContactRecord, ConversationRecord, NoteRecord, TeamRecord, TicketRecord, TicketStateCategory } from './state';

const TEAMS = [
  { id: '7700', name: 'Support', distribution_method: 'round_robin', assignment_limit: null },
  { id: '7701', name: 'Billing', distribution_method: 'balanced', assignment_limit: 10 },
] as const;

export function buildTeams(admins: AdminRecord[]): TeamRecord[] {
  return TEAMS.map((t) => ({
    ...t,
    admin_ids: admins.filter((a) => a.team_ids.includes(Number(t.id))).map((a) => Number(a.id)),
  })).filter((t) => t.admin_ids.length > 0);
}

const userByEmail = (contacts: ContactRecord[], email: string): ContactRecord => {
  const c = contacts.find((x) => x.email === email && x.role === 'user');
  if (!c) throw new Error(`seed: no user ${email}`);
  return c;
};

const NOTES: { email: string; admin: string; body: string; daysAgo: number }[] = [
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391003', body: 'Renewal call booked for 12 June. Wants the SSO issue fixed first.', daysAgo: 2 },
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391001', body: 'Prefers email over calls.', daysAgo: 40 },
  { email: 'ethan.walsh@northwind-analytics.com', admin: '5391001', body: 'Usage dropped 60% since March. Offered a training session.', daysAgo: 1.5 },
];

export function buildNotes(contacts: ContactRecord[], now: number): NoteRecord[] {
  return NOTES.map((n, i) => ({
    id: String(26_001 + i),
    contact_id: userByEmail(contacts, n.email).id,
    admin_id: n.admin,
    body: `<p>${n.body}</p>`,
    created_at: now - Math.round(n.daysAgo * DAY),
  }));
}

interface TicketRow {
  type: string;
  email: string;
  title: string;
  description: string;
  attrs: Record<string, string | number>;
  state: TicketStateCategory;
  admin: string | null;
  team: string | null;
  conversation: number | null; // index in the seeded conversations
  daysAgo: number;
}

const TICKETS: TicketRow[] = [
  { type: '4401', email: 'olivia.bennett@northwind-analytics.com', title: 'SSO login loop after password reset', description: 'Users are sent back to the login page after a password reset.', attrs: { Severity: 'sev-high', 'Affected URL': 'https://app.acme.example/login' }, state: 'in_progress', admin: '5391001', team: '7700', conversation: 0, daysAgo: 0.1 },
  { type: '4402', email: 'lena.fischer@brightline.io', title: 'Reissue May invoice with the right VAT number', description: 'Invoice INV-2026-0518 shows an old VAT ID.', attrs: { 'Invoice number': 'INV-2026-0518', 'Amount disputed': 212.5 }, state: 'waiting_on_customer', admin: '5391004', team: '7701', conversation: 1, daysAgo: 1.4 },
  { type: '4403', email: 'olivia.bennett@northwind-analytics.com', title: 'Export the usage report to CSV', description: 'Requested by Northwind Analytics.', attrs: { 'Product area': 'area-reporting' }, state: 'submitted', admin: null, team: null, conversation: 11, daysAgo: 44 },
  { type: '4401', email: 'aoife@larkspurlabs.dev', title: 'Beta dashboards spin forever in Firefox', description: 'Reproduced on Firefox 127.', attrs: { Severity: 'sev-medium' }, state: 'resolved', admin: '5391002', team: '7700', conversation: 6, daysAgo: 0.4 },
];

export function buildTickets(contacts: ContactRecord[], conversations: ConversationRecord[], now: number): TicketRecord[] {
  return TICKETS.map((row, i) => {
    const created = now - Math.round(row.daysAgo * DAY);
    const id = String(6_101 + i);
    const bot = { type: 'bot', id: '5391999' } as const;
    const parts: TicketRecord['parts'] = [{ id: `${id}1`, part_type: 'ticket_state_updated_by_admin', state: 'submitted', previous: 'submitted', created_at: created + 1, author: bot }];
    if (row.state !== 'submitted') {
      parts.push({ id: `${id}2`, part_type: 'ticket_state_updated_by_admin', state: row.state, previous: 'submitted', created_at: created + 3_600, author: { type: 'admin', id: row.admin ?? '5391001' } });
    }
    const linked = row.conversation === null ? undefined : conversations[row.conversation];
    return {
      id,
      ticket_id: String(i + 1),
      ticket_type_id: row.type,
      attributes: { _default_title_: row.title, _default_description_: row.description, ...row.attrs },
      state: row.state,
      contact_ids: [userByEmail(contacts, row.email).id],
      company_id: null,
      admin_assignee_id: row.admin,
      team_assignee_id: row.team,
      created_at: created,
      updated_at: parts[parts.length - 1]?.created_at ?? created,
      open: row.state !== 'resolved',
      snoozed_until: null,
      linked_conversation_ids: linked ? [linked.id] : [],
      parts,
    };
  });
}
