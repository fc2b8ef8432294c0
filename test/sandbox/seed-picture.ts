/**
 * The card's fuller picture in the demo workspace: segments (in every seed), and for the demo and tests that
 * ask for it (`seedHistory`), a longer history — more notes and data events — on a few Northwind Analytics
 * people, enough for "Show more". Events are stamped relative to the clock passed in, because Intercom lists
 * only the last 90 days of them.
 */
import { DAY } from './seed-data';
import type { SandboxState, SegmentRecord } from './state';

export function buildSegments(now: number): SegmentRecord[] {
  const seg = (id: string, name: string, person_type: SegmentRecord['person_type'], query: unknown, ageDays: number): SegmentRecord => ({
    id,
    name,
    person_type,
    created_at: now - ageDays * DAY,
    updated_at: now - Math.floor(ageDays / 2) * DAY,
    query,
  });
  return [
    seg('6a1f00000000000000000001', 'Active in the last 30 days', 'user', { field: 'last_seen_at', operator: '>', value: now - 30 * DAY }, 400),
    seg('6a1f00000000000000000002', 'VIP customers', 'user', { field: 'tag_id', operator: '=', value: '8120001' }, 380),
    seg('6a1f00000000000000000003', 'Northwind Analytics team', 'user', { field: 'email_domain', operator: '=', value: 'northwind-analytics.com' }, 200),
    seg('6a1f00000000000000000004', 'Enterprise seats (50+)', 'user', { field: 'custom_attributes.seats', operator: '>', value: 49 }, 150),
    seg('6a1f00000000000000000005', 'Messenger leads', 'contact', { field: 'role', operator: '=', value: 'lead' }, 90),
  ];
}

const EVENTS: { email: string; name: string; hoursAgo: number; metadata?: Record<string, string | number | boolean> }[] = [
  { email: 'olivia.bennett@northwind-analytics.com', name: 'exported-report', hoursAgo: 2, metadata: { format: 'csv', rows: 1200 } },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'invited-teammate', hoursAgo: 20, metadata: { invitee: 'daniel.kim@northwind-analytics.com' } },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'changed-plan', hoursAgo: 50, metadata: { from: 'growth', to: 'enterprise' } },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'created-dashboard', hoursAgo: 75, metadata: { dashboard: 'Q2 revenue' } },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'enabled-sso', hoursAgo: 120 },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'exported-report', hoursAgo: 200, metadata: { format: 'pdf', rows: 80 } },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'reset-password', hoursAgo: 300 },
  { email: 'olivia.bennett@northwind-analytics.com', name: 'signed-in', hoursAgo: 500, metadata: { device: 'desktop' } },
  { email: 'marcus.reid@northwind-analytics.com', name: 'paid-invoice', hoursAgo: 30, metadata: { invoice: 'INV-2026-0611', amount: 4200 } },
  { email: 'marcus.reid@northwind-analytics.com', name: 'downloaded-invoice', hoursAgo: 31 },
];

const NOTES: { email: string; admin: string; body: string; daysAgo: number }[] = [
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391002', body: 'Asked about SCIM provisioning; sent the docs.', daysAgo: 5 },
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391003', body: 'QBR went well: expanding to the EU team in Q3.', daysAgo: 12 },
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391001', body: 'Escalated the slow dashboard load to engineering.', daysAgo: 20 },
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391004', body: 'Invoice contact is Marcus Reid, not Olivia.', daysAgo: 60 },
  { email: 'olivia.bennett@northwind-analytics.com', admin: '5391003', body: 'Kick-off call: 120 seats, SSO required.', daysAgo: 90 },
];

/** Adds the longer history to a seeded workspace; `now` (Unix seconds) is the sandbox clock's. */
export function seedHistory(state: SandboxState, now: number): void {
  const user = (email: string) => {
    const c = state.contacts.find((x) => x.email === email && x.role === 'user');
    if (!c) throw new Error(`seed: no user ${email}`);
    return c;
  };
  for (const e of EVENTS) {
    const created = now - e.hoursAgo * 3600;
    state.events.push({ event_name: e.name, created_at: created, contact_id: user(e.email).id, identified_by: 'id', metadata: { ...e.metadata }, received_at: created });
  }
  NOTES.forEach((n, i) => {
    state.notes.push({ id: String(26_101 + i), contact_id: user(n.email).id, admin_id: n.admin, body: `<p>${n.body}</p>`, created_at: now - n.daysAgo * DAY });
  });
}
